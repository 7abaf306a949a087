/*
 * SW4xx: hygiene warnings from AWS "Best practices for Step Functions" (BP): timeouts on tasks,
 * heartbeats on callbacks, retries of transient Lambda errors; logging for Express workflows (whose
 * executions have no history but their logs, SQ); a timeout on the state machine.
 */
import { IntegrationPattern, resourceOf, isObject } from '../../core/asl/model';
import { CODES } from '../../core/codes';
import { Rule } from '../private/context';

/** The transient Lambda service errors BP says to retry ("Handle transient Lambda service exceptions"). */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
];

/**
 * Whether the retriers retry an error: the first retrier whose ErrorEquals matches it decides
 * (ASL "Retrying after error"), and `States.ALL` and `States.TaskFailed` match any task error (ERR).
 */
function retries(retriers: unknown, error: string): boolean {
  if (!Array.isArray(retriers)) {
    return false;
  }
  for (const r of retriers) {
    if (!isObject(r) || !Array.isArray(r.ErrorEquals)) {
      continue;
    }
    if (r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL') || r.ErrorEquals.includes('States.TaskFailed')) {
      return r.MaxAttempts !== 0;
    }
  }
  return false;
}

/** A timeout on every Task (BP "Using timeouts to avoid stuck executions"). */
export const taskTimeoutRule: Rule = {
  name: 'task timeouts',
  codes: [CODES.SW401],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Task' || state.json.TimeoutSeconds !== undefined || state.json.TimeoutSecondsPath !== undefined) {
        continue;
      }
      // HTTP Tasks time out after 60 seconds whatever the definition says (SQ "HTTP Task").
      if (resourceOf(state, ctx.settings.resourceTypes).service === 'http:invoke') {
        continue;
      }
      ctx.report(CODES.SW401, state.path, `the Task '${state.name}' has no TimeoutSeconds: if it hangs, the execution waits until it times out as a whole`, {
        fix: `give '${state.name}' a timeout a little above its longest expected run (taskTimeout: sfn.Timeout.duration(...) on aws-cdk-lib tasks and cdk-stepwise steps alike)`,
      });
    }
  },
};

/** A heartbeat on every callback and activity Task (BP; PAT "Configure a Heartbeat Timeout"). */
export const heartbeatRule: Rule = {
  name: 'callback heartbeats',
  codes: [CODES.SW402],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Task' || state.json.HeartbeatSeconds !== undefined || state.json.HeartbeatSecondsPath !== undefined) {
        continue;
      }
      if (ctx.settings.stateFacts?.get(state.name)?.noHeartbeatBecause) {
        continue; // left out on purpose, e.g. a person answers a HumanApproval task
      }
      const pattern = resourceOf(state, ctx.settings.resourceTypes).pattern;
      if (pattern === IntegrationPattern.WAIT_FOR_TASK_TOKEN || pattern === IntegrationPattern.ACTIVITY) {
        const kind = pattern === IntegrationPattern.ACTIVITY ? 'activity' : 'callback';
        ctx.report(CODES.SW402, state.path, `the ${kind} task '${state.name}' has no HeartbeatSeconds: if its worker dies, nothing fails until the task times out`, {
          fix: `give '${state.name}' a heartbeat below its timeout, and have the worker call SendTaskHeartbeat more often than that`,
        });
      }
    }
  },
};

/** Lambda tasks retry the transient Lambda service errors (BP "Handle transient Lambda service exceptions"). */
export const lambdaRetryRule: Rule = {
  name: 'Lambda retries',
  codes: [CODES.SW403],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Task' || !resourceOf(state, ctx.settings.resourceTypes).isLambda) {
        continue;
      }
      const missing = LAMBDA_TRANSIENT_ERRORS.filter((e) => !retries(state.json.Retry, e));
      if (missing.length > 0) {
        ctx.report(CODES.SW403, state.path, `the Lambda task '${state.name}' does not retry ${missing.join(', ')}`, {
          limit: `a retrier for ${LAMBDA_TRANSIENT_ERRORS.join(', ')}`, actual: `${missing.length} of ${LAMBDA_TRANSIENT_ERRORS.length} not retried`,
        });
      }
    }
  },
};

/** Logging on for Express workflows, which keep no execution history (SQ "executions"; WT). */
export const expressLoggingRule: Rule = {
  name: 'Express logging',
  codes: [CODES.SW404],
  check(ctx) {
    if (ctx.workflowType === 'EXPRESS' && ctx.settings.loggingEnabled === false) {
      ctx.report(CODES.SW404, '', 'the Express workflow does not log its executions, and Step Functions keeps no execution history for Express workflows', {
        limit: 'logging at level ERROR or ALL', actual: 'logging off',
      });
    }
  },
};

/** A timeout on Standard state machines (BP "Using timeouts"). */
export const stateMachineTimeoutRule: Rule = {
  name: 'state machine timeout',
  codes: [CODES.SW405],
  check(ctx) {
    if (ctx.workflowType === 'STANDARD' && ctx.model.root.TimeoutSeconds === undefined && ctx.settings.timeoutSeconds === undefined) {
      ctx.report(CODES.SW405, '', 'the Standard state machine has no TimeoutSeconds: a stuck execution runs for up to a year');
    }
  },
};

/** The hygiene rules, in the order they run. */
export const HYGIENE_RULES: Rule[] = [taskTimeoutRule, heartbeatRule, lambdaRetryRule, expressLoggingRule, stateMachineTimeoutRule];
