import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, FlowChild, kindOf } from './flow';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';

/**
 * Where a state sits: its scope (top level, a branch, a processor) and how it got there. The
 * description is only built for an error message (this check runs on every state of every synth).
 */
interface Place {
  readonly scope: string;
  readonly describe: () => string;
}

/**
 * Checks a whole definition before aws-cdk-lib builds its state graph, so that the mistakes
 * aws-cdk-lib reports obscurely (or deep inside its graph code) get a clear message naming the
 * places:
 *
 * - SW002: two different states with the same name anywhere in the state machine;
 * - SW003: one state object placed in two scopes (two branches, a branch and the top level, ...);
 * - SW010: a state written for JSONPath inside a JSONata state machine.
 *
 * Flows are walked through what they recorded (so messages name flows and branches); plain
 * aws-cdk-lib chains through `State.findReachableStates`. The states nested inside a plain
 * aws-cdk-lib Parallel or Map are out of reach of aws-cdk-lib's public API until it binds the
 * graph: aws-cdk-lib's own graph checks report those mistakes, in its own words.
 *
 * @returns the states it checked
 */
export function checkDefinition(definition: sfn.IChainable, constructPath: string, queryLanguage: sfn.QueryLanguage): sfn.State[] {
  const byName = new Map<string, { state: sfn.State; place: Place }>();
  const byState = new Map<sfn.State, Place>();
  const visitedFlows = new Set<Flow>();

  const register = (state: sfn.State, place: Place): void => {
    const name = state.stateId;
    const seen = byState.get(state);
    if (seen) {
      if (seen.scope !== place.scope) {
        throw new StepwiseError({
          code: CODES.SW003,
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
        code: CODES.SW002,
        statePath: name,
        message: `two states are named '${name}': ${other.place.describe()}, and ${place.describe()}; state names must be unique in the whole state machine, Parallel branches and Map processors included`,
        fix: `rename one of the two states named '${name}'`,
      }, constructPath);
    }
    byName.set(name, { state, place });
    byState.set(state, place);
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

  if (queryLanguage === sfn.QueryLanguage.JSONATA) {
    // Nested states were registered after the Parallel or Map holding them: checking the last
    // registered first names the state itself rather than the one that renders it.
    for (const state of [...byState.keys()].reverse()) {
      checkRendersAsJsonata(state, constructPath);
    }
  }
  return [...byState.keys()];
}

/**
 * Renders one state as a JSONata state machine will (`State.toStateJson`, public). aws-cdk-lib
 * refuses, while rendering, a state written for JSONPath inside a JSONata state machine: that
 * state is reported as SW010, with aws-cdk-lib's own words as the cause.
 */
function checkRendersAsJsonata(state: sfn.State, constructPath: string): void {
  try {
    state.toStateJson(sfn.QueryLanguage.JSONATA);
  } catch (e) {
    throw new StepwiseError({
      code: CODES.SW010,
      statePath: state.stateId,
      message: `the state ${state.node.path} asks for JSONPath inside a state machine whose query language is JSONata (aws-cdk-lib: ${(e as Error).message})`,
      limit: 'a JSONata state machine cannot contain JSONPath states',
      actual: `${state.node.path} renders as JSONPath`,
      fix: 'build the state with QueryLanguage.JSONATA (e.g. sfn.Pass.jsonata()) or leave its query language unset, or make the Workflow JSONPath',
    }, constructPath);
  }
}
