/*
 * SW3xx: what Express workflows cannot do. Sources: INT "Integrating optimized services" ("Express
 * Workflows do not support Job-run (.sync) or Callback (.waitForTaskToken) service integration
 * patterns"); WT "Choosing workflow type" (activities: Standard only); DMAP (Distributed Map:
 * Standard only). The 5-minute duration is checked by the duration rule (SW115-SW117).
 */
import { ExecutionContext, IntegrationPattern, StateNode, resourceOf, isDistributedMap } from '../../core/asl/model';
import { CODES, CodeInfo } from '../../core/codes';
import { Rule, RuleContext } from '../private/context';

/** What a state does that Express executions cannot, if anything. */
function standardOnlyFeature(ctx: RuleContext, state: StateNode): { code: CodeInfo; what: string } | undefined {
  if (state.type === 'Task') {
    const resource = resourceOf(state, ctx.settings.resourceTypes);
    switch (resource.pattern) {
      case IntegrationPattern.RUN_JOB: return { code: CODES.SW301, what: `a run-a-job task (${resource.service}${resource.suffix})` };
      case IntegrationPattern.WAIT_FOR_TASK_TOKEN: return { code: CODES.SW302, what: `a callback task (${resource.service}${resource.suffix})` };
      case IntegrationPattern.ACTIVITY: return { code: CODES.SW303, what: 'an activity task' };
      default: return undefined;
    }
  }
  if (isDistributedMap(state)) {
    return { code: CODES.SW304, what: 'a Distributed Map' };
  }
  return undefined;
}

/** `.sync`, `.waitForTaskToken`, activities and Distributed Map in an Express workflow, at any depth. */
export const expressFeaturesRule: Rule = {
  name: 'Express features',
  codes: [CODES.SW301, CODES.SW302, CODES.SW303, CODES.SW304, CODES.SW305],
  check(ctx) {
    if (ctx.workflowType !== 'EXPRESS') {
      return;
    }
    for (const state of ctx.model.states) {
      // States in the processor of a Distributed Map run in child executions (reported as SW304 on the Map itself).
      if (state.scope.execution.parent) {
        continue;
      }
      const feature = standardOnlyFeature(ctx, state);
      if (feature) {
        ctx.report(feature.code, state.path, `the state '${state.name}' is ${feature.what}, which Express workflows do not support`, {
          limit: 'Express workflows: request-response integrations only, no activities, no Distributed Map',
          actual: feature.what,
        });
      }
      if (state.type === 'Wait' && (state.json.Timestamp !== undefined || state.json.TimestampPath !== undefined)) {
        const actual = state.json.Timestamp !== undefined ? `Timestamp ${JSON.stringify(state.json.Timestamp)}` : `TimestampPath ${JSON.stringify(state.json.TimestampPath)}`;
        ctx.report(CODES.SW305, state.path, `the Wait state '${state.name}' waits until a timestamp (${actual}), but an Express execution runs at most 5 minutes`, {
          limit: '300 seconds from the start of the execution', actual,
        });
      }
    }
  },
};

/** The same restrictions in the Express child executions of a Distributed Map (derived from the above: a warning). */
export const expressChildRule: Rule = {
  name: 'Express child executions',
  codes: [CODES.SW306],
  check(ctx) {
    for (const state of ctx.model.states) {
      const execution: ExecutionContext = state.scope.execution;
      if (!execution.childOf || execution.type !== 'EXPRESS') {
        continue;
      }
      const feature = standardOnlyFeature(ctx, state);
      if (feature) {
        ctx.report(CODES.SW306, state.path, `the state '${state.name}' is ${feature.what}, but it runs in the Express child executions of the Distributed Map '${execution.childOf.name}'`, {
          limit: 'Express executions: request-response integrations only, no activities, no Distributed Map',
          actual: feature.what,
        });
      }
    }
  },
};

/** The Express rules, in the order they run. */
export const EXPRESS_RULES: Rule[] = [expressFeaturesRule, expressChildRule];
