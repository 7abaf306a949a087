import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RetryPreset } from '../../patterns/retry';
import { IntegrationStepOptions } from '../options';
import { ServiceRetries } from '../service-retries';

/**
 * The retriers a step adds when bound: the user's `retries` if given (`[]` for none), otherwise
 * the service's default. The default is built only when needed, after `createTask()` has checked
 * the props it depends on (the AWS SDK service name).
 */
export function stepRetries(options: IntegrationStepOptions, serviceDefault: () => RetryPreset[]): sfn.RetryProps[] {
  return ServiceRetries.toRetryProps(options.retries ?? serviceDefault());
}
