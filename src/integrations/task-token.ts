import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * The task token of a wait-for-callback (`.waitForTaskToken`) task, as a payload value.
 *
 * Callback steps put the token into their payload for you (in `taskTokenField`, `taskToken` by
 * default). Use these constants when you place it yourself, e.g. in the parameters of
 * `SdkSteps.callWithCallback()` or inside a text payload.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 */
export class TaskToken {
  /** The token in a JSONPath state: `$$.Task.Token` (the same as `sfn.JsonPath.taskToken`). */
  public static readonly JSON_PATH: string = sfn.JsonPath.taskToken;

  /** The token in a JSONata state: `{% $states.context.Task.Token %}`. */
  public static readonly JSONATA: string = '{% $states.context.Task.Token %}';

  private constructor() {}
}
