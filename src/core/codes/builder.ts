import { Severity } from '../finding';
import { defineCodes } from './types';

/** SW0xx: building workflows with the flow builder and the Workflow construct. */
export const BUILDER_CODES = defineCodes({
  SW001: {
    title: 'Definition has no start state',
    severity: Severity.ERROR,
    meaning: 'A flow (or a Parallel branch, Map processor, Choice branch or Catch handler built from one) has no states, so the state machine or branch has nothing to start at.',
    fix: 'Add at least one state to the flow before using it, e.g. `flow.pass(\'Start\')`.',
  },
  SW002: {
    title: 'Duplicate state name',
    severity: Severity.ERROR,
    meaning: 'Two states have the same name. State names must be unique in the whole state machine, Parallel branches and Map processors included. The flow builder reports it before aws-cdk-lib builds the graph; validation reports it for definitions given as JSON.',
    fix: 'Rename one of the two states named in the message.',
  },
  SW003: {
    title: 'State used in two places',
    severity: Severity.ERROR,
    meaning: 'The same state object was placed in two flows, branches or processors. A state belongs to exactly one place in a definition.',
    fix: 'Create a second state (with its own name) for the second place, e.g. with a function that builds the step.',
  },
  SW004: {
    title: 'Parallel without branches',
    severity: Severity.ERROR,
    meaning: 'A Parallel state needs at least one branch.',
    fix: 'Pass one or more flows in `branches`, or use the branch\'s states directly instead of a Parallel.',
  },
  SW005: {
    title: 'Choice without branches',
    severity: Severity.ERROR,
    meaning: 'A Choice state needs at least one rule (`Choices` must be a non-empty array).',
    fix: 'Pass one or more `{ condition, next }` entries in `branches`; use a Pass state if no decision is needed.',
  },
  SW006: {
    title: 'Map without processor',
    severity: Severity.ERROR,
    meaning: 'A Map or Distributed Map state needs an item processor: the flow run for each item.',
    fix: 'Pass the flow to run per item in `processor`.',
  },
  SW007: {
    title: 'Retry or Catch on a state that cannot have one',
    severity: Severity.ERROR,
    meaning: 'Only Task, Parallel and Map states take Retry and Catch.',
    fix: 'Call `retry()`/`catch()` right after adding a Task, Parallel or Map state, or wrap the states in a Parallel.',
  },
  SW008: {
    title: 'State added after the end of a flow',
    severity: Severity.ERROR,
    meaning: 'A state was added after a Succeed or Fail state (or after a Choice whose branches all end), so nothing could ever reach it.',
    fix: 'Add the state before the terminal state, or start a new flow for it and reach it through a Choice or Catch.',
  },
  SW009: {
    title: 'Invalid state name',
    severity: Severity.ERROR,
    meaning: 'A state name is empty.',
    fix: 'Give every state a non-empty name (at most 80 characters).',
  },
  SW010: {
    title: 'Query language conflict',
    severity: Severity.ERROR,
    meaning: 'A state or flow asks for JSONPath inside a state machine whose top-level query language is JSONata. Step Functions does not allow a JSONata state machine to go back to JSONPath.',
    fix: 'Build the flow with `queryLanguage: QueryLanguage.JSONATA` (or leave it unset to inherit), or make the Workflow JSONPath and opt individual states into JSONata.',
  },
  SW090: {
    title: 'Optional package not installed',
    severity: Severity.ERROR,
    meaning: 'A Node-only entry point (`cdk-stepwise/runtime` or `cdk-stepwise/testing`) was imported, but a package it needs, an optional dependency of cdk-stepwise, is not installed (for example after `npm install --omit=optional`). Thrown as `MissingDependencyError` when the entry point is imported.',
    fix: 'Install the packages the message names, with the command it gives (for example `npm install jsonpath-plus`).',
  },
});
