import { Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { bedrockInvokeModelStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * Properties of `BedrockSteps.invokeModel()`.
 */
export interface BedrockInvokeModelStepProps extends IntegrationStepOptions, TaskTimeoutOptions {
  /**
   * The model to invoke (a foundation model, or a provisioned or custom one).
   */
  readonly model: bedrock.IModel;

  /**
   * The request body, in the model's format (at most 256 KiB). Give `body` or `input`, not both.
   *
   * @default - none (then `input` is required)
   */
  readonly body?: sfn.TaskInput;

  /**
   * Read the request body from S3 (`Input.S3Uri`) instead of `body`.
   *
   * @default - none (then `body` is required)
   */
  readonly input?: tasks.BedrockInvokeModelInputProps;

  /**
   * Write the response body to S3 (`Output.S3Uri`): the result then holds a reference to it.
   *
   * @default - the response is the result
   */
  readonly output?: tasks.BedrockInvokeModelOutputProps;

  /**
   * The MIME type of the response.
   *
   * @default 'application/json'
   */
  readonly accept?: string;

  /**
   * A guardrail to apply to the request and response.
   *
   * @default - no guardrail
   */
  readonly guardrail?: tasks.Guardrail;

  /**
   * Return the guardrail trace.
   *
   * @default - the model's default
   */
  readonly traceEnabled?: boolean;
}

/**
 * Amazon Bedrock steps: invoke a model (`arn:aws:states:::bedrock:invokeModel`), request-response.
 * (Step Functions offers `.sync` for Bedrock's `CreateModelCustomizationJob` only, not for
 * `InvokeModel`.)
 *
 * The role gets `bedrock:InvokeModel` on the model, `s3:GetObject` / `s3:PutObject` on the S3
 * input and output, and `bedrock:ApplyGuardrail` on the guardrail (aws-cdk-lib's statements).
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-bedrock.html
 */
export class BedrockSteps {
  /**
   * Runs inference on a model and continues with its response.
   *
   * @param props the request and state options
   */
  public static invokeModel(props: BedrockInvokeModelStepProps): RequestResponseStep {
    return new InvokeModelStep(props.model, props);
  }

  private constructor() {}
}

function renderPath(path: string | undefined): string | null | undefined {
  return path === sfn.JsonPath.DISCARD ? null : path;
}

class InvokeModelStep extends RequestResponseStep {
  constructor(private readonly model: bedrock.IModel, private readonly props: BedrockInvokeModelStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const p = this.props;
    const base = taskStateProps(p, { taskTimeout: p.taskTimeout }, bindContext(scope, id, options));
    // Without the feature flag `@aws-cdk/aws-stepfunctions-tasks:useNewS3UriParametersForBedrockInvokeModelTask`,
    // aws-cdk-lib's `BedrockInvokeModel` reads the state's `inputPath`/`outputPath` as S3 URIs of
    // the model input and output. Here they stay the state's JSONPath fields, as on every other
    // step: they are not passed to aws-cdk-lib and are rendered into the state.
    return adaptedTask(tasks.BedrockInvokeModel, scope, id, {
      ...base,
      inputPath: undefined,
      outputPath: undefined,
      model: this.model,
      body: p.body,
      input: p.input,
      output: p.output,
      // No contentType: aws-cdk-lib deprecated it (the only value Bedrock takes is application/json)
      // and warns whenever the key is present, even undefined.
      accept: p.accept,
      guardrail: p.guardrail,
      traceEnabled: p.traceEnabled,
    }, {
      statements: () => bedrockInvokeModelStatements({
        modelArn: this.model.modelArn,
        inputObjectArns: s3Objects(scope, p.input?.s3InputUri, p.input?.s3Location),
        outputObjectArns: s3Objects(scope, p.output?.s3OutputUri, p.output?.s3Location),
        guardrailArn: p.guardrail && (p.guardrail.guardrailIdentifier.startsWith('arn:')
          ? p.guardrail.guardrailIdentifier
          : Stack.of(scope).formatArn({ service: 'bedrock', resource: 'guardrail', resourceName: p.guardrail.guardrailIdentifier })),
      }),
      render: (rendered) => ({ ...rendered, InputPath: renderPath(base.inputPath), OutputPath: renderPath(base.outputPath) }),
    });
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

/**
 * The S3 objects the model reads or writes, as aws-cdk-lib's `BedrockInvokeModel` grants them: the
 * object of an `s3Location`, or every object (`arn:<partition>:s3:::*`) for an `s3InputUri` /
 * `s3OutputUri` (a URI, usually taken from the state input).
 */
function s3Objects(scope: Construct, uri: string | undefined, location: { bucketName: string; objectKey: string } | undefined): string[] {
  const stack = Stack.of(scope);
  if (uri !== undefined) {
    return [stack.formatArn({ region: '', account: '', service: 's3', resource: '*' })];
  }
  return location ? [stack.formatArn({ region: '', account: '', service: 's3', resource: location.bucketName, resourceName: location.objectKey })] : [];
}
