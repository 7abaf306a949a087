import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { Step } from '../../core/step';

/** A state that takes Retry and Catch. */
export type RetryableState = sfn.TaskStateBase | sfn.Parallel | sfn.Map | sfn.DistributedMap | sfn.CustomState;

/** Whether `state` takes Retry and Catch (Task, Parallel, Map; ASL "Errors"). */
export function isRetryable(state: sfn.State): state is RetryableState {
  return state instanceof sfn.TaskStateBase || state instanceof sfn.Parallel || state instanceof sfn.MapBase || state instanceof sfn.CustomState;
}

/** The name of the Parallel that wraps a step made of several states. */
export function wrapperName(name: string): string {
  return `Run ${name}`;
}

/**
 * Binds `step` as one state that takes Retry and Catch: the step's own state when it builds a
 * single Task, Parallel or Map state; otherwise a one-branch Parallel named `Run <name>` around
 * the step's states, whose output is the branch's output, so that the whole step can be retried
 * and caught as one.
 */
export function bindAsOneState(scope: Construct, id: string, name: string, step: Step, queryLanguage: sfn.QueryLanguage | undefined): RetryableState {
  const built = step.bind(scope, id, { stateName: name, queryLanguage });
  const start = built.startState;
  if (isRetryable(start) && sfn.State.findReachableStates(start, { includeErrorHandlers: true }).length === 1) {
    return start;
  }
  const jsonata = queryLanguage === sfn.QueryLanguage.JSONATA;
  const parallel = new sfn.Parallel(scope, `${id} (run)`, {
    stateName: wrapperName(name),
    queryLanguage,
    // A Parallel's result is the array of its branches' outputs: keep the one branch's output.
    ...(jsonata ? { outputs: '{% $states.result[0] %}' } : { outputPath: '$[0]' }),
  });
  parallel.branch(built);
  return parallel;
}
