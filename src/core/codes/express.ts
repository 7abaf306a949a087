import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW3xx: what Express workflows cannot do, checked at any depth (Parallel branches and Map
 * processors included) in `src/validation/rules/express.ts`. The 5-minute duration limit is
 * checked with the other duration quotas (SW115, SW116, SW117).
 */
export const EXPRESS_CODES = defineCodes({
  SW301: {
    title: 'Run-a-job (.sync) task in an Express workflow',
    severity: Severity.ERROR,
    meaning: 'An Express workflow has a Task whose resource ends in `.sync` or `.sync:2`. Express workflows support only request-response integrations.',
    fix: 'Use a Standard workflow, or start the job with a request-response task and poll for it (or react to its completion event in another workflow).',
  },
  SW302: {
    title: 'Callback (.waitForTaskToken) task in an Express workflow',
    severity: Severity.ERROR,
    meaning: 'An Express workflow has a Task whose resource ends in `.waitForTaskToken`. Express workflows do not support the callback pattern.',
    fix: 'Use a Standard workflow for steps that wait for a callback, and start it from the Express workflow if needed.',
  },
  SW303: {
    title: 'Activity in an Express workflow',
    severity: Severity.ERROR,
    meaning: 'An Express workflow has a Task whose resource is an activity. Activities are supported only by Standard workflows.',
    fix: 'Use a Standard workflow, or replace the activity with a request-response integration (Lambda, ECS, an HTTP endpoint).',
  },
  SW304: {
    title: 'Distributed Map in an Express workflow',
    severity: Severity.ERROR,
    meaning: 'An Express workflow has a Map state in `DISTRIBUTED` mode. Distributed Map is supported only in Standard workflows.',
    fix: 'Use an inline Map (up to about 40 concurrent iterations), or move the Distributed Map into a Standard workflow.',
  },
  SW305: {
    title: 'Timestamp wait in an Express workflow',
    severity: Severity.WARNING,
    meaning: 'An Express workflow waits until a timestamp (`Timestamp` or `TimestampPath`). An Express execution runs at most 5 minutes, so any timestamp further away than that fails the execution with `States.Timeout`.',
    fix: 'Wait a number of seconds (at most 300) instead, or use a Standard workflow to wait until a date.',
  },
  SW306: {
    title: 'Standard-only feature in Express child executions',
    severity: Severity.WARNING,
    meaning: 'A Distributed Map runs its items as Express child executions (`ExecutionType: EXPRESS`) and its processor uses something Express workflows cannot do: a `.sync` or callback task, an activity, a Distributed Map, or a Wait longer than 5 minutes. AWS documents the Express restrictions for Express workflows; that they apply to Express child executions is derived, hence a warning.',
    fix: 'Set the Distributed Map\'s `ExecutionType` to `STANDARD`, or remove the Standard-only feature from its processor.',
  },
});
