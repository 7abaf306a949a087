import { Duration, Token } from 'aws-cdk-lib';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';

/**
 * SW709: settings CloudWatch rejects (PutMetricAlarm: EvaluationPeriods at least 1, DatapointsToAlarm
 * at most EvaluationPeriods; a period of whole minutes for a metric published every minute).
 */
export function checkAlarmOptions(
  name: string, threshold: number, evaluationPeriods: number, datapointsToAlarm: number, period: Duration, path: string,
): void {
  const fail = (message: string, limit: string, actual: string): never => {
    throw new StepwiseError({
      code: CODES.SW709,
      statePath: '',
      message: `the ${name} alarm ${message}`,
      limit,
      actual,
      fix: 'use a threshold of 0 or more, at least 1 evaluation period, at most as many datapoints to alarm as evaluation periods, and a period of whole minutes',
    }, path);
  };
  if (!Token.isUnresolved(threshold) && (typeof threshold !== 'number' || Number.isNaN(threshold) || threshold < 0)) {
    fail(`has the threshold ${threshold}`, '0 or more', String(threshold));
  }
  if (!Token.isUnresolved(evaluationPeriods) && (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1)) {
    fail(`has ${evaluationPeriods} evaluation periods`, 'a whole number of at least 1', String(evaluationPeriods));
  }
  const badDatapoints = !Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods;
  if (!Token.isUnresolved(datapointsToAlarm) && badDatapoints) {
    fail(`needs ${datapointsToAlarm} datapoints to alarm out of ${evaluationPeriods} evaluation periods`, `1 to ${evaluationPeriods}`, String(datapointsToAlarm));
  }
  const ms = period.toMilliseconds({ integral: false });
  // Step Functions publishes its metrics every minute: a period must be whole minutes.
  if (!Token.isUnresolved(ms) && (ms <= 0 || ms % 60_000 !== 0)) {
    fail(`has a period of ${ms / 1000} seconds`, 'a whole number of minutes', `${ms / 1000} seconds`);
  }
}
