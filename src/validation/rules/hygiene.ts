/*
 * SW4xx: hygiene warnings from AWS "Best practices for Step Functions" (BP): timeouts on tasks,
 * heartbeats on callbacks, retries of transient Lambda errors; logging for Express workflows (whose
 * executions have no history but their logs, SQ); a timeout on the state machine.
 */
import { IntegrationPattern, resourceOf, isObject, isJsonataExpression, StateNode, TaskResource } from '../../core/asl/model';
import { CODES } from '../../core/codes';
import { Rule, RuleContext } from '../private/context';

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

/*
 * Which states can wait long. AWS "Best practices for Step Functions", "Use timeouts to avoid stuck
 * executions" (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html): "By
 * default, the Amazon States Language doesn't specify timeouts for state machine definitions. Without
 * an explicit timeout, Step Functions often relies solely on a response from an activity worker to
 * know that a task is complete", and an execution waiting for one can stay stuck. That is the risk
 * of a Task that waits for something outside the call: an activity, a callback (`.waitForTaskToken`)
 * or a job it runs to completion (`.sync`, `.sync:2`): service integration patterns,
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html. A request-response
 * call returns as soon as the service answers the API call: a Lambda function stops at its own
 * timeout, at most 15 minutes (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html),
 * and SNS, SQS or DynamoDB answer at once; such a Task cannot hang for a year.
 */

/** The integration patterns whose Tasks wait for something outside the API call (see above). */
const WAITING_PATTERNS: ReadonlySet<IntegrationPattern> = new Set([
  IntegrationPattern.RUN_JOB, IntegrationPattern.WAIT_FOR_TASK_TOKEN, IntegrationPattern.ACTIVITY,
]);

/** What kind of waiting Task this is, for messages: `activity`, `callback (sqs:sendMessage.waitForTaskToken)`, ... */
function waitingKind(res: TaskResource): string {
  switch (res.pattern) {
    case IntegrationPattern.ACTIVITY: return res.activityName ? `activity (${res.activityName})` : 'activity';
    case IntegrationPattern.WAIT_FOR_TASK_TOKEN: return `callback (${res.service}${res.suffix})`;
    default: return `job run to completion (${res.service}${res.suffix})`;
  }
}

/** A timeout on every Task that can wait long: an activity, a callback or a `.sync` job (BP, see above). */
export const taskTimeoutRule: Rule = {
  name: 'task timeouts',
  codes: [CODES.SW401],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Task' || state.json.TimeoutSeconds !== undefined || state.json.TimeoutSecondsPath !== undefined) {
        continue;
      }
      // Request-response calls (Lambda, SNS, SQS, DynamoDB, HTTP Tasks, AWS SDK calls) return when
      // the service answers; a Resource we cannot classify is left alone rather than guessed at.
      const res = resourceOf(state, ctx.settings.resourceTypes);
      if (!WAITING_PATTERNS.has(res.pattern)) {
        continue;
      }
      const kind = waitingKind(res);
      ctx.report(CODES.SW401, state.path, `the Task '${state.name}' is a${res.pattern === IntegrationPattern.ACTIVITY ? 'n' : ''} ${kind} with no TimeoutSeconds: if nothing answers, the execution waits until it times out as a whole (a year for a Standard workflow without a timeout)`, {
        actual: kind,
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
        const actual = `${missing.length} of ${LAMBDA_TRANSIENT_ERRORS.length} not retried`;
        ctx.report(CODES.SW403, state.path, `the Lambda task '${state.name}' does not retry ${missing.join(', ')} (${actual})`, {
          limit: `a retrier for ${LAMBDA_TRANSIENT_ERRORS.join(', ')}`, actual,
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
      ctx.report(CODES.SW404, '', 'the Express workflow has logging off: it does not log its executions, and Step Functions keeps no execution history for Express workflows', {
        limit: 'logging at level ERROR or ALL', actual: 'logging off',
      });
    }
  },
};

/**
 * The first state that can wait long with nothing bounding it, and why: a waiting Task (activity,
 * callback, `.sync` job) without a literal `TimeoutSeconds`, or a Wait state whose time comes from
 * the input (`SecondsPath`, `TimestampPath`, or a JSONata `Seconds`/`Timestamp` expression). A Wait
 * with a literal time or a Task with a literal timeout ends on its own.
 */
function firstWaiting(ctx: RuleContext): { state: StateNode; why: string; count: number } | undefined {
  let first: { state: StateNode; why: string } | undefined;
  let count = 0;
  for (const state of ctx.model.states) {
    let why: string | undefined;
    if (state.type === 'Task' && typeof state.json.TimeoutSeconds !== 'number') {
      const res = resourceOf(state, ctx.settings.resourceTypes);
      if (WAITING_PATTERNS.has(res.pattern)) {
        const fromInput = state.json.TimeoutSecondsPath !== undefined || state.json.TimeoutSeconds !== undefined;
        why = `the ${waitingKind(res)} Task '${state.name}' ${fromInput ? 'takes its timeout from the input' : 'has no TimeoutSeconds'}`;
      }
    } else if (state.type === 'Wait') {
      const field = ['SecondsPath', 'TimestampPath'].find((f) => state.json[f] !== undefined)
        ?? ['Seconds', 'Timestamp'].find((f) => isJsonataExpression(state.json[f]));
      if (field) {
        why = `the Wait state '${state.name}' waits for as long as its ${field} ${JSON.stringify(state.json[field])} says`;
      }
    }
    if (why) {
      count++;
      first = first ?? { state, why };
    }
  }
  return first && { ...first, count };
}

/**
 * A timeout on a Standard state machine that can wait long (BP "Use timeouts to avoid stuck
 * executions", see above): a Standard execution can run for a year (SQ "Maximum execution time",
 * https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). A machine of
 * request-response calls and literal Waits cannot get stuck, so it is not warned about.
 */
export const stateMachineTimeoutRule: Rule = {
  name: 'state machine timeout',
  codes: [CODES.SW405],
  check(ctx) {
    if (ctx.workflowType !== 'STANDARD' || ctx.model.root.TimeoutSeconds !== undefined || ctx.settings.timeoutSeconds !== undefined) {
      return;
    }
    const waiting = firstWaiting(ctx);
    if (waiting) {
      const others = waiting.count > 1 ? ` (and ${waiting.count - 1} more state${waiting.count > 2 ? 's' : ''} that can wait)` : '';
      ctx.report(CODES.SW405, '', `the Standard state machine has no TimeoutSeconds, and ${waiting.why}${others}: a stuck execution runs for up to a year`, {
        limit: 'a state machine TimeoutSeconds', actual: waiting.why,
      });
    }
  },
};

/** The hygiene rules, in the order they run. */
export const HYGIENE_RULES: Rule[] = [taskTimeoutRule, heartbeatRule, lambdaRetryRule, expressLoggingRule, stateMachineTimeoutRule];
