import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkSeconds, MAX_SECONDS_FIELD, PLAIN_NAME } from './private/checks';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';
import { recordStateFacts } from '../core/state-facts';
import { Step, StepBindOptions } from '../core/step';

/**
 * Properties of a `PollUntilDone`.
 */
export interface PollUntilDoneProps {
  /**
   * The request-response step that reads the status (e.g. an AWS SDK `describe*` or `get*`
   * call). Its output is the next check's input, so keep the input in it: JSONPath
   * `resultPath: '$.status'`; JSONata `outputs: "{% $merge([$states.input, {'status': $states.result}]) %}"`.
   */
  readonly check: Step;

  /**
   * When the work is done, on the check's output (e.g.
   * `Condition.stringEquals('$.status.State', 'SUCCEEDED')`, or
   * `Condition.jsonata("{% $states.input.status.State = 'SUCCEEDED' %}")` in JSONata).
   */
  readonly isDone: sfn.Condition;

  /**
   * When the work has failed for good, on the check's output; the loop then fails with
   * `failedError` at once instead of checking again.
   *
   * @default - no failure condition: the loop checks until done or out of attempts
   */
  readonly isFailed?: sfn.Condition;

  /**
   * The most checks; when the last one is not done the loop fails with `maxAttemptsError`.
   * Bounded so that the loop cannot exhaust the execution history (25,000 events).
   */
  readonly maxAttempts: number;

  /**
   * The wait before the first check (and the second, with backoff).
   *
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;

  /**
   * How the wait grows after each check (1 for a fixed wait).
   *
   * @default 1.5
   */
  readonly backoffRate?: number;

  /**
   * The longest wait between two checks.
   *
   * @default Duration.minutes(5)
   */
  readonly maxInterval?: Duration;

  /**
   * Whether to wait before the first check (true when the work was just started and cannot be
   * done yet).
   *
   * @default true
   */
  readonly waitFirst?: boolean;

  /**
   * The error the loop fails with when the last check is not done.
   *
   * @default 'PollUntilDone.MaxAttemptsReached'
   */
  readonly maxAttemptsError?: string;

  /**
   * The error the loop fails with when `isFailed` holds.
   *
   * @default 'PollUntilDone.Failed'
   */
  readonly failedError?: string;

  /**
   * The prefix of the workflow variables the loop keeps its count and wait in
   * (`<prefix>Attempt`, `<prefix>Wait`). Change it when loops are nested.
   *
   * @default 'poll'
   */
  readonly variablePrefix?: string;
}

/**
 * Polls until work is done, for services with no run-a-job (`.sync`) integration: a Wait, the
 * check, and a Choice, in a loop with a maximum number of checks and a backoff, that fails with
 * a clear error when the budget is spent.
 *
 * Bound with the name `N` it builds: `N` (a Pass that starts the count), `N: wait`, `N: check`
 * (the check step), `N: done?` (the Choice), `N: done` (a Pass the loop leaves through),
 * `N: failed` and `N: gave up` (Fail states). The count and the current wait live in workflow
 * variables (`pollAttempt`, `pollWait`), so the check's input and output are yours.
 *
 * Every check adds to the execution history (25,000 events for a Standard workflow): a Wait adds
 * 2 events, a Choice 2, a successful Task 5 and each retry of it 3. One check of a single Task
 * with no retries costs 9 events; `worstCaseHistoryEvents()` gives the loop's whole worst case,
 * which must stay under the quota (SW707) and is written in the Choice's comment for validation.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html#bp-history-limit
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * flow.addStep('Wait for query', new PollUntilDone({
 *   check: SdkSteps.call({
 *     service: 'redshiftdata',
 *     action: 'describeStatement',
 *     parameters: { 'Id': sfn.JsonPath.stringAt('$.statement.Id') },
 *     iamResources: SdkIamResources.allResources(),
 *     resultPath: '$.status',
 *   }),
 *   isDone: sfn.Condition.stringEquals('$.status.Status', 'FINISHED'),
 *   isFailed: sfn.Condition.stringEquals('$.status.Status', 'FAILED'),
 *   maxAttempts: 40,
 * }));
 */
export class PollUntilDone extends Step {
  /** The check's integration pattern (request-response). */
  public readonly integrationPattern: sfn.IntegrationPattern;

  /** The most checks. */
  public readonly maxAttempts: number;

  /** The wait before each check, in seconds: first, second, ..., the last repeating. */
  public readonly waitSeconds: number[];

  private readonly props: PollUntilDoneProps;

  /**
   * @param props the check, the conditions, and the budget
   * @throws SW707 for settings that cannot work
   */
  constructor(props: PollUntilDoneProps) {
    super();
    this.props = props;
    this.integrationPattern = props.check.integrationPattern;
    const fix = 'use whole seconds from 1 to 99,999,999, a backoff rate of at least 1, a maximum wait no shorter than the first, and at least 1 attempt';
    if (typeof props.maxAttempts !== 'number' || !Number.isInteger(props.maxAttempts) || props.maxAttempts < 1) {
      throw pollError(`maxAttempts is ${props.maxAttempts}`, 'a whole number of at least 1', String(props.maxAttempts), fix);
    }
    const backoffRate = props.backoffRate ?? 1.5;
    if (typeof backoffRate !== 'number' || Number.isNaN(backoffRate) || backoffRate < 1) {
      throw pollError(`backoffRate is ${backoffRate}`, 'at least 1', String(backoffRate), fix);
    }
    const interval = checkSeconds(props.interval ?? Duration.seconds(30), 1, MAX_SECONDS_FIELD, CODES.SW707, 'the interval', fix) ?? 30;
    const maxInterval = checkSeconds(props.maxInterval ?? Duration.minutes(5), 1, MAX_SECONDS_FIELD, CODES.SW707, 'the maxInterval', fix) ?? 300;
    if (maxInterval < interval) {
      throw pollError(`maxInterval (${maxInterval} seconds) is shorter than the interval (${interval} seconds)`, 'maxInterval no shorter than interval', `${maxInterval} seconds`, fix);
    }
    for (const [what, error] of [['maxAttemptsError', props.maxAttemptsError], ['failedError', props.failedError]] as const) {
      if (error !== undefined && (typeof error !== 'string' || error.length === 0 || error.startsWith('States.'))) {
        throw pollError(`${what} '${error}' is empty or starts with States.`, 'a non-empty error name not starting with States.', String(error), 'name the error after your domain, e.g. Export.TimedOut');
      }
    }
    const prefix = props.variablePrefix ?? 'poll';
    if (typeof prefix !== 'string' || !PLAIN_NAME.test(prefix) || prefix.length > QUOTAS.variableNameLength.value - 'Attempt'.length) {
      throw pollError(`the variable prefix '${prefix}' is not a valid variable name prefix`, 'letters, digits and underscores, not starting with a digit', String(prefix), 'use a prefix such as poll or exportPoll');
    }
    this.maxAttempts = props.maxAttempts;
    // Only as many waits as there can be checks: later ones would never be used.
    this.waitSeconds = waitSequence(interval, backoffRate, maxInterval).slice(0, props.maxAttempts);
  }

  /**
   * The longest the loop can wait in total, in seconds (the waits before every check), without
   * the time the checks take. Keep it below the task's and the workflow's timeouts.
   */
  public maxTotalWaitSeconds(): number {
    let total = 0;
    const checks = this.props.waitFirst === false ? this.maxAttempts - 1 : this.maxAttempts;
    for (let i = 0; i < checks; i++) {
      total += this.waitSeconds[Math.min(i, this.waitSeconds.length - 1)];
    }
    return total;
  }

  /**
   * Builds the loop's states.
   *
   * @param scope the construct scope of the new states
   * @param id the construct id of the first state
   * @param options the state name and query language
   */
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const name = options.stateName;
    const names = {
      init: name,
      wait: `${name}: wait`,
      check: `${name}: check`,
      choice: `${name}: done?`,
      done: `${name}: done`,
      failed: `${name}: failed`,
      gaveUp: `${name}: gave up`,
    };
    for (const n of Object.values(names)) {
      if (n.length === 0 || n.length > QUOTAS.stateNameLength.value) {
        throw pollError(`the state name '${n}' has ${n.length} characters`, `1 to ${QUOTAS.stateNameLength.value} characters`, `${n.length} characters`,
          `give the step a name of at most ${QUOTAS.stateNameLength.value - ': gave up'.length} characters`, name, `${scope.node.path}/${id}`);
      }
    }
    // The loop's own states are written for one query language. Bound without one (a flow that
    // inherits the state machine's), they are JSONPath states, stated explicitly: in a JSONata
    // state machine that is a clear error (SW010) instead of JSONPath fields in JSONata states.
    // The check step is bound as given, so it follows the state machine.
    const ql = options.queryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    const jsonata = ql === sfn.QueryLanguage.JSONATA;
    const prefix = this.props.variablePrefix ?? 'poll';
    const attempt = `${prefix}Attempt`;
    const wait = `${prefix}Wait`;
    const waits = this.waitSeconds;
    const max = this.maxAttempts;

    const check = this.props.check.bind(scope, `${id} check`, { stateName: names.check, queryLanguage: options.queryLanguage });
    const checkEvents = historyEventsOfChain(check.startState);
    const worst = this.worstCase(checkEvents);
    const limit = QUOTAS.executionHistoryEvents.value;
    if (worst > limit) {
      const perCheck = this.perCheck(checkEvents);
      const fitting = Math.floor((limit - (worst - this.maxAttempts * perCheck)) / perCheck);
      throw pollError(
        `the loop can add ${worst.toLocaleString('en-US')} events to the execution history before it gives up (${max} checks of ${this.perCheck(checkEvents)} events each)`,
        `${limit.toLocaleString('en-US')} events per Standard execution`,
        `${worst.toLocaleString('en-US')} events`,
        `lower maxAttempts to at most ${fitting} (and raise the interval to cover the same time), or poll in a child execution`,
        name, `${scope.node.path}/${id}`);
    }

    const init = new sfn.Pass(scope, id, {
      stateName: names.init,
      queryLanguage: ql,
      comment: 'Starts counting the checks.',
      assign: { [attempt]: 1, [wait]: waits[0] },
    });
    const waitState = new sfn.Wait(scope, `${id} wait`, {
      stateName: names.wait,
      queryLanguage: ql,
      time: jsonata ? sfn.WaitTime.seconds(`{% $${wait} %}`) : sfn.WaitTime.secondsPath(`$${wait}`),
    });
    const done = new sfn.Pass(scope, `${id} done`, { stateName: names.done, queryLanguage: ql });
    // The Fail states are JSONata in both languages (a JSONata state may sit in a JSONPath state
    // machine): their cause shows the last check's output, cut to a readable length.
    const failed = new sfn.Fail(scope, `${id} failed`, {
      stateName: names.failed,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      error: this.props.failedError ?? 'PollUntilDone.Failed',
      cause: `{% '${escapeJsonata(name)}: the failure condition holds after check ' & $string($${attempt}) & ': ' & $substring($string($states.input), 0, 2000) %}`,
    });
    const gaveUp = new sfn.Fail(scope, `${id} gave up`, {
      stateName: names.gaveUp,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      error: this.props.maxAttemptsError ?? 'PollUntilDone.MaxAttemptsReached',
      cause: `{% '${escapeJsonata(name)}: not done after ${max} checks (at most ${this.maxTotalWaitSeconds()} seconds of waiting); last check: ' & $substring($string($states.input), 0, 2000) %}`,
    });

    const next = jsonata
      ? { [attempt]: `{% $${attempt} + 1 %}`, [wait]: `{% [${waits.join(', ')}][$${attempt}] %}` }
      : { [attempt]: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt(`$${attempt}`), 1), [wait]: `States.ArrayGetItem(States.Array(${waits.join(', ')}), $${attempt})` };
    const choice = new sfn.Choice(scope, `${id} choice`, {
      stateName: names.choice,
      queryLanguage: ql,
      comment: `Polls until done: at most ${max} checks.`,
      // The Choice state's own Assign is evaluated only when no rule matches (ASL "Choice State"):
      // the default path counts the check and keeps the (capped) wait.
      assign: { [attempt]: next[attempt] },
    });
    // Validation then knows the loop is bounded, and by how much (no SW118 when it fits).
    recordStateFacts(choice, { loopBound: { maxAttempts: max, worstCaseHistoryEvents: worst } });
    choice.when(this.props.isDone, done);
    if (this.props.isFailed) {
      choice.when(this.props.isFailed, failed);
    }
    choice.when(jsonata ? sfn.Condition.jsonata(`{% $${attempt} >= ${max} %}`) : sfn.Condition.numberGreaterThanEquals(`$${attempt}`, max), gaveUp);
    if (waits.length > 1) {
      // The waits grow until they reach the cap: this rule picks the next wait while there is one
      // to pick. A JSONPath Assign value with an intrinsic needs the `.$` suffix on its key.
      const assign = jsonata ? next : { [attempt]: next[attempt], [`${wait}.$`]: next[wait] };
      choice.when(jsonata ? sfn.Condition.jsonata(`{% $${attempt} < ${waits.length} %}`) : sfn.Condition.numberLessThan(`$${attempt}`, waits.length), waitState, {
        assign,
        comment: 'The wait grows.',
      });
    }
    choice.otherwise(waitState);

    const firstCheck = this.props.waitFirst === false ? check : waitState.next(check);
    if (this.props.waitFirst === false) {
      waitState.next(check);
    }
    init.next(firstCheck);
    for (const end of check.endStates) {
      end.next(choice);
    }
    return sfn.Chain.custom(init, done.endStates, done);
  }

  private perCheck(checkEvents: number): number {
    return QUOTAS.historyEventsPerState.value /* Wait */ + checkEvents + QUOTAS.historyEventsPerState.value /* Choice */;
  }

  /** Init Pass, every check with its wait and Choice, and the Fail state (no wait before the first check when waitFirst is false). */
  private worstCase(checkEvents: number): number {
    const skipped = this.props.waitFirst === false ? QUOTAS.historyEventsPerState.value : 0;
    return QUOTAS.historyEventsPerState.value + this.maxAttempts * this.perCheck(checkEvents) - skipped + QUOTAS.historyEventsPerFail.value;
  }
}

/** The waits: interval, interval × rate, ... rounded, up to and including the cap. */
function waitSequence(interval: number, rate: number, cap: number): number[] {
  const waits: number[] = [];
  let w = interval;
  for (;;) {
    const next = Math.min(cap, Math.round(w));
    waits.push(next);
    if (next >= cap || rate === 1) {
      break;
    }
    w *= rate;
  }
  return waits;
}

/**
 * The most history events one run of a chain adds (HIST `HistoryEventType`, counts in the quotas
 * table): every state once, a Task with all its retries.
 */
function historyEventsOfChain(start: sfn.State): number {
  let total = 0;
  for (const state of sfn.State.findReachableStates(start)) {
    total += historyEventsOfState(state);
  }
  return total;
}

function historyEventsOfState(state: sfn.State): number {
  const json = state.toStateJson() as { Type?: string; Retry?: Array<{ MaxAttempts?: number }>; Branches?: unknown[] };
  const retries = (json.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);
  const retryEvents = retries * QUOTAS.historyEventsPerTaskRetry.value;
  switch (json.Type) {
    case 'Task':
      return QUOTAS.historyEventsPerTask.value + retryEvents;
    case 'Fail':
      return QUOTAS.historyEventsPerFail.value;
    case 'Parallel':
    case 'Map':
      // The branches' (or one iteration's) states are counted by their own chains; a retried
      // Parallel or Map re-runs them, which this bound does not include.
      return QUOTAS.historyEventsPerParallelOrMap.value + retryEvents
        + (state instanceof sfn.Parallel ? 0 : QUOTAS.historyEventsPerMapIteration.value);
    default:
      return QUOTAS.historyEventsPerState.value;
  }
}

/** A string safe inside single quotes of a JSONata expression. */
function escapeJsonata(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function pollError(message: string, limit: string, actual: string, fix: string, statePath = '', constructPath?: string): StepwiseError {
  return new StepwiseError({ code: CODES.SW707, statePath, message: `PollUntilDone: ${message}`, limit, actual, fix }, constructPath);
}
