import { Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CODES } from '../../core/codes';
import { findingOf, formatFinding } from '../../core/errors';
import { nameProblem } from '../rules/quotas';

const CHECKED_ACTIVITIES = new WeakSet<sfn.CfnActivity>();

/** SW106 for an activity whose name Step Functions would reject. */
export function checkActivity(activity: sfn.CfnActivity): void {
  if (CHECKED_ACTIVITIES.has(activity)) {
    return;
  }
  CHECKED_ACTIVITIES.add(activity);
  activity.node.addValidation({
    validate: () => {
      const name = activity.name;
      if (typeof name !== 'string' || Token.isUnresolved(name)) {
        return [];
      }
      const problem = nameProblem(name);
      return problem ? [formatFinding(findingOf({
        code: CODES.SW106,
        statePath: '',
        message: `the activity name '${name}' ${problem.message}`,
        limit: problem.limit,
        actual: problem.actual,
        fix: 'Use 1 to 80 characters from A-Z a-z 0-9 - _ for the activity name',
      }))] : [];
    },
  });
}
