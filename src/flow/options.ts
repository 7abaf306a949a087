import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * One rule of a Choice state: when `condition` holds, continue with `next`.
 */
export interface ChoiceBranch extends sfn.ChoiceTransitionOptions {
  /**
   * The condition, e.g. `Condition.booleanEquals('$.valid', true)` (JSONPath) or
   * `Condition.jsonata('{% $states.input.valid %}')` (JSONata).
   */
  readonly condition: sfn.Condition;

  /** Where to go when the condition holds: a `Flow`, or any aws-cdk-lib state or chain. */
  readonly next: sfn.IChainable;
}

/**
 * Options for `Flow.addChoice()`.
 *
 * `stateName` is ignored: the name passed to `addChoice()` is the state's name.
 */
export interface ChoiceOptions extends sfn.ChoiceProps {
  /** The rules, tried in order. At least one. */
  readonly branches: ChoiceBranch[];

  /**
   * Where to go when no rule matches.
   *
   * @default - if the flow continues after the Choice, the next state added; otherwise none,
   * and an execution in which no rule matches fails with `States.NoChoiceMatched`
   */
  readonly otherwise?: sfn.IChainable;
}

/**
 * Options for `Flow.addParallel()`.
 *
 * `stateName` is ignored: the name passed to `addParallel()` is the state's name.
 */
export interface ParallelOptions extends sfn.ParallelProps {
  /** The branches, run at the same time. At least one. */
  readonly branches: sfn.IChainable[];
}

/**
 * Options for `Flow.addMap()`: an inline Map state.
 *
 * `stateName` is ignored: the name passed to `addMap()` is the state's name.
 */
export interface MapOptions extends sfn.MapProps {
  /** The flow run for each item. */
  readonly processor: sfn.IChainable;
}

/**
 * Options for `Flow.addDistributedMap()`: a Map state in distributed mode, whose iterations run
 * as child workflow executions, reading items with an `itemReader` (for example from S3) and
 * optionally writing results with a `resultWriter`.
 *
 * `stateName` is ignored: the name passed to `addDistributedMap()` is the state's name.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 */
export interface DistributedMapOptions extends sfn.DistributedMapProps {
  /** The flow run for each item (or batch of items). */
  readonly processor: sfn.IChainable;
}
