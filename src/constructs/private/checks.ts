import { Fn, Token } from 'aws-cdk-lib';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';
import { describeQuota } from '../../core/quotas';

/** The state machine ARN of a version or alias ARN: without its last `:`-separated part. */
export function unqualifiedArnOf(qualifiedArn: string): string {
  if (Token.isUnresolved(qualifiedArn)) {
    // arn:partition:states:region:account:stateMachine:name
    return [0, 1, 2, 3, 4, 5, 6].map((i) => Fn.select(i, Fn.split(':', qualifiedArn))).join(':');
  }
  return qualifiedArn.split(':').slice(0, 7).join(':');
}

/** SW051: a description longer than the API takes (or empty, which CloudFormation refuses). */
export function checkDescription(description: string | undefined, max: number, quota: 'versionDescriptionLength' | 'aliasDescriptionLength', what: string, path: string): void {
  if (description === undefined || Token.isUnresolved(description)) {
    return;
  }
  if (description.length === 0 || description.length > max) {
    throw new StepwiseError({
      code: CODES.SW051,
      statePath: '',
      message: `the ${what} description has ${description.length} characters`,
      limit: `1 to ${describeQuota(quota)}`,
      actual: `${description.length} characters`,
    }, path);
  }
}
