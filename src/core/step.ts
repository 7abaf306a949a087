import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * What a flow tells a step when it builds the step's state.
 */
export interface StepBindOptions {
  /** The state's name in the definition. */
  readonly stateName: string;

  /**
   * The query language of the flow that builds the step.
   *
   * @default - the state machine's query language
   */
  readonly queryLanguage?: sfn.QueryLanguage;
}

/**
 * A unit of work in a workflow (a service integration, an activity, a pattern) that a `Flow`
 * turns into aws-cdk-lib states with `flow.step(name, step)`.
 *
 * A step is a description, not a construct: the same step can be added to several flows, and
 * each `bind()` call creates new states. Integrations (`LambdaInvoke.invoke()`,
 * `SqsSendMessage.withCallback()`, ...) return steps typed by their integration pattern, so a
 * pattern a service does not support has no method to call.
 */
export abstract class Step {
  /**
   * The service integration pattern of the step's task.
   */
  public abstract readonly integrationPattern: sfn.IntegrationPattern;

  /**
   * Builds the step's states in `scope`: usually one task state; a pattern (poll until done,
   * human approval, ...) may build several, chained.
   *
   * A `Flow` calls this for you. Call it yourself to put a step into a plain aws-cdk-lib chain:
   * `step.bind(this, 'Charge', { stateName: 'Charge' })`.
   *
   * @param scope the construct scope of the new states
   * @param id the construct id of the (first) new state
   * @param options the state name and query language
   */
  public abstract bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable;
}
