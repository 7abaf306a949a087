import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, FlowChild, kindOf } from './flow';
import { StepwiseError } from '../private/errors';

/**
 * Where a state sits: its scope (top level, a branch, a processor) and how it got there. The
 * description is only built for an error message (this check runs on every state of every synth).
 */
interface Place {
  readonly scope: string;
  readonly describe: () => string;
}

/**
 * Checks a whole definition before aws-cdk-lib builds its state graph, so that the two mistakes
 * aws-cdk-lib reports obscurely (or deep inside its graph code) get a clear message naming both
 * places:
 *
 * - SW002: two different states with the same name anywhere in the state machine;
 * - SW003: one state object placed in two scopes (two branches, a branch and the top level, ...).
 *
 * Flows are walked through what they recorded (so messages name flows and branches); plain
 * aws-cdk-lib chains through `State.findReachableStates`. States nested inside plain aws-cdk-lib
 * Parallel or Map states are left to aws-cdk-lib's own checks.
 */
export function checkDefinition(definition: sfn.IChainable, constructPath: string): void {
  const byName = new Map<string, { state: sfn.State; place: Place }>();
  const byState = new Map<sfn.State, Place>();
  const visitedFlows = new Set<Flow>();

  const register = (state: sfn.State, place: Place): void => {
    const name = state.stateId;
    const seen = byState.get(state);
    if (seen) {
      if (seen.scope !== place.scope) {
        throw new StepwiseError({
          code: 'SW003',
          statePath: name,
          message: `the state '${name}' is used in two places: ${seen.describe()}, and ${place.describe()}; a state belongs to exactly one place in a definition`,
          fix: 'create a second state with its own name for one of the two places (e.g. build the step in a function and call it twice with different names)',
        }, constructPath);
      }
      return; // reached again in the same scope: a join or a loop, which is fine
    }
    const other = byName.get(name);
    if (other && other.state !== state) {
      throw new StepwiseError({
        code: 'SW002',
        statePath: name,
        message: `two states are named '${name}': ${other.place.describe()}, and ${place.describe()}; state names must be unique in the whole state machine, Parallel branches and Map processors included`,
        fix: `rename one of the two states named '${name}'`,
      }, constructPath);
    }
    byState.set(state, place);
    byName.set(name, { state, place });
  };

  const walk = (chainable: sfn.IChainable, scope: string, where: string): void => {
    if (Flow.isFlow(chainable)) {
      if (visitedFlows.has(chainable)) {
        // The same flow reached again (e.g. two Choice branches joining at it): its states are
        // registered already; registering its first state again detects a second scope.
        register(chainable.startState, { scope, describe: () => `${where} (the flow '${chainable.id}' again)` });
        return;
      }
      visitedFlows.add(chainable);
      for (const entry of chainable._flowEntries) {
        register(entry.state, { scope, describe: () => `the ${entry.kind} state in ${where}, flow '${chainable.id}'` });
        for (const s of entry.states) {
          if (s !== entry.state) {
            register(s, { scope, describe: () => `the ${kindOf(s)} state in ${where}, reached from '${entry.name}'` });
          }
        }
        for (const child of entry.children) {
          walkChild(child, entry.kind, entry.name, scope, where);
        }
      }
      return;
    }
    for (const s of sfn.State.findReachableStates(chainable.startState, { includeErrorHandlers: true })) {
      register(s, { scope, describe: () => `the ${kindOf(s)} state in ${where}` });
    }
  };

  const walkChild = (child: FlowChild, kind: string, name: string, scope: string, where: string): void => {
    if (child.newScope) {
      const inner = `${kind} '${name}' ${child.label}`;
      walk(child.chainable, inner, inner);
    } else {
      walk(child.chainable, scope, `${where} (${child.label} of '${name}')`);
    }
  };

  walk(definition, 'top level', 'the top level');
}
