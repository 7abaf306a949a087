import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CatchPreset } from './catch';
import { PLAIN_NAME } from './private/checks';
import { bindAsOneState, RetryableState } from './private/single-state';
import { RetryPreset } from './retry';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';
import { Step } from '../core/step';

/**
 * Properties of a `Saga`.
 */
export interface SagaProps {
  /**
   * The query language of the saga's states. Set `JSONATA` for a saga in a JSONata workflow:
   * a saga without one is written for JSONPath, which a JSONata workflow rejects (SW010).
   *
   * @default - JSONPath; the steps follow the state machine's query language
   */
  readonly queryLanguage?: sfn.QueryLanguage;

  /**
   * How every compensation is retried, unless its step sets `compensationRetry`. Compensations
   * must be idempotent (they may run again after a partial failure), so any error is retried.
   *
   * @default - `States.ALL`, 5 attempts from 2 seconds, backoff 2, at most 60 seconds apart, full jitter
   */
  readonly compensationRetry?: RetryPreset;

  /**
   * The prefix of the workflow variables the saga uses: `<prefix>Error` (the original error
   * output), `<prefix>CompensationFailed`, `<prefix>CompensationError` and
   * `<prefix>FailedCompensation`. Change it when sagas are nested (an inner scope may not
   * reassign an outer scope's variable).
   *
   * @default 'saga'
   */
  readonly variablePrefix?: string;

  /**
   * The prefix of the names of the states that end a failed saga: `<prefix>: rolled back`,
   * `<prefix>: compensation failed` and the Choice `<prefix>: all undone?`.
   *
   * @default - the construct id
   */
  readonly stateNamePrefix?: string;
}

/**
 * Options of a step added to a `Saga`.
 */
export interface SagaStepOptions {
  /**
   * The step that undoes this one, run when a later step fails. Must be idempotent.
   *
   * @default - nothing to undo
   */
  readonly compensation?: Step;

  /**
   * The state name of the compensation.
   *
   * @default - `Undo <step name>`
   */
  readonly compensationName?: string;

  /**
   * How the compensation is retried.
   *
   * @default - the saga's `compensationRetry`
   */
  readonly compensationRetry?: RetryPreset;

  /**
   * Whether this step's own failure runs its compensation too, not only those of the steps
   * before it. Set it for steps whose failure can leave effects behind, such as a request that
   * timed out after the service received it.
   *
   * @default false
   */
  readonly compensateOnFailure?: boolean;
}

interface PendingCompensation {
  readonly name: string;
  readonly step: Step;
  readonly retry: RetryPreset;
}

interface SagaEntry {
  readonly name: string;
  readonly compensationName?: string;
  readonly compensateOnFailure: boolean;
}

/**
 * A saga: steps that each register the step that undoes them. When a step fails, the
 * compensations of the steps that completed before it run in reverse order (a failure after step
 * k runs the compensations of steps k..1), each with its own retry; then the execution fails
 * with the original error and cause.
 *
 * - The failing step itself is not compensated (it did not complete), unless it is added with
 *   `compensateOnFailure`. Steps without a compensation are skipped. The last step's
 *   compensation can only run with `compensateOnFailure` (no later step can fail), so it is
 *   not added to the definition otherwise: a failure after the saga is not the saga's.
 * - The failing step's input, with the error output in its `error` field, is the input of the
 *   first compensation; each compensation's output is the next one's input. Keep the input in
 *   your compensations (JSONPath `resultPath: JsonPath.DISCARD`, JSONata
 *   `outputs: '{% $states.input %}'`).
 * - The original error is kept in a workflow variable (`sagaError`), so the final Fail state
 *   reports it whatever the compensations output.
 * - A compensation that still fails after its retries is recorded and the remaining compensations
 *   run anyway; the execution then fails with `Saga.CompensationFailed`, naming the compensation,
 *   its error and the original error, because the rollback needs a person.
 *
 * A step made of several states is wrapped in a one-branch Parallel named `Run <name>` so that it
 * can be caught (and a compensation retried) as one. The saga is an `sfn.IChainable`: use it as a
 * `Workflow` definition or add it to a flow with `flow.addNext(saga)`.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const saga = new Saga(this, 'Order')
 *   .addStep('Reserve stock', LambdaSteps.invoke({ lambdaFunction: reserveFn }), { compensation: LambdaSteps.invoke({ lambdaFunction: releaseFn }) })
 *   .addStep('Charge card', LambdaSteps.invoke({ lambdaFunction: chargeFn }), { compensation: LambdaSteps.invoke({ lambdaFunction: refundFn }) })
 *   .addStep('Ship', LambdaSteps.invoke({ lambdaFunction: shipFn }));
 * new Workflow(this, 'Orders', { definition: saga });
 */
export class Saga extends Construct implements sfn.IChainable {
  /** The query language of the saga's states. */
  public readonly queryLanguage?: sfn.QueryLanguage;

  private readonly jsonata: boolean;
  private readonly compensationRetry: RetryPreset;
  private readonly vars: { error: string; failed: string; compensationError: string; failedCompensation: string };
  private readonly names: { choice: string; rolledBack: string; compensationFailed: string };
  private readonly entries: SagaEntry[] = [];
  private readonly usedNames = new Set<string>();
  private _start?: sfn.State;
  private _ends: sfn.INextable[] = [];
  /** Where a failure goes once the steps so far have completed: the last compensation, or the end. */
  private _head?: sfn.State;
  /** The compensation of the step added last, bound once a later step makes it reachable. */
  private _pending?: PendingCompensation;

  /**
   * @param scope the construct scope of the saga's states
   * @param id the construct id (and, by default, the prefix of its end states' names)
   * @param props query language, compensation retry, variable and state names
   */
  constructor(scope: Construct, id: string, props: SagaProps = {}) {
    super(scope, id);
    this.queryLanguage = props.queryLanguage;
    this.jsonata = props.queryLanguage === sfn.QueryLanguage.JSONATA;
    this.compensationRetry = props.compensationRetry
      ?? RetryPreset.custom(['States.ALL'], { maxAttempts: 5, interval: Duration.seconds(2), maxDelay: Duration.seconds(60) });
    const prefix = props.variablePrefix ?? 'saga';
    if (typeof prefix !== 'string' || !PLAIN_NAME.test(prefix) || prefix.length > QUOTAS.variableNameLength.value - 'FailedCompensation'.length) {
      throw this.error('', `the variable prefix '${prefix}' is not a valid variable name prefix`, 'letters, digits and underscores, not starting with a digit, at most 62 characters', String(prefix),
        'use a prefix such as saga or orderSaga');
    }
    this.vars = {
      error: `${prefix}Error`,
      failed: `${prefix}CompensationFailed`,
      compensationError: `${prefix}CompensationError`,
      failedCompensation: `${prefix}FailedCompensation`,
    };
    const statePrefix = props.stateNamePrefix ?? id;
    this.names = {
      choice: `${statePrefix}: all undone?`,
      rolledBack: `${statePrefix}: rolled back`,
      compensationFailed: `${statePrefix}: compensation failed`,
    };
    Object.values(this.names).forEach((n) => this.claimName(n, 'stateNamePrefix'));
  }

  /** The saga's name, as `sfn.IChainable` requires: its construct id. */
  public get id(): string {
    return this.node.id;
  }

  /**
   * The first step.
   *
   * @throws SW706 when the saga has no steps
   */
  public get startState(): sfn.State {
    if (!this._start) {
      throw this.error('', `the saga '${this.node.id}' has no steps`, 'at least one step', '0 steps', 'add steps with addStep() before using the saga');
    }
    return this._start;
  }

  /** The states the next state after the saga follows: the last step's. */
  public get endStates(): sfn.INextable[] {
    return [...this._ends];
  }

  /**
   * Adds a step, and the step that undoes it.
   *
   * @param name the state name of the step (unique in the state machine, at most 80 characters)
   * @param step what to run, e.g. `LambdaSteps.invoke({ lambdaFunction: reserveFn })`
   * @param options the compensation, its name and retry, and whether the step's own failure is compensated
   */
  public addStep(name: string, step: Step, options: SagaStepOptions = {}): Saga {
    this.claimName(name, 'name');
    const compensationName = options.compensation ? options.compensationName ?? `Undo ${name}` : undefined;
    if (compensationName !== undefined) {
      this.claimName(compensationName, 'compensationName');
    }

    // The compensation of the step before this one becomes reachable now: this step can fail.
    this.materializePending();
    const forward = bindAsOneState(this, idFor(name), name, step, this.queryLanguage);
    if (forward.stateId !== name) {
      this.claimName(forward.stateId, 'name');
    }
    const before = this.head();
    let onFailure = before;
    if (options.compensation && compensationName) {
      const pending: PendingCompensation = {
        name: compensationName,
        step: options.compensation,
        retry: options.compensationRetry ?? this.compensationRetry,
      };
      if (options.compensateOnFailure) {
        onFailure = this.bindCompensation(pending);
      } else {
        // Bound when a later step is added: the last step's compensation could never run, and an
        // unreachable state is an error in Step Functions.
        this._pending = pending;
      }
    }
    forward.addCatch(onFailure, this.forwardCatch());

    if (!this._start) {
      this._start = forward;
    } else {
      for (const end of this._ends) {
        end.next(forward);
      }
    }
    this._ends = forward.endStates;
    this.entries.push({ name, compensationName, compensateOnFailure: options.compensateOnFailure ?? false });
    return this;
  }

  /**
   * The compensations that run, in order, when the step `stepName` fails.
   *
   * @param stepName the name of a step of the saga
   * @throws SW706 for a name that is not a step of the saga
   */
  public compensationsOnFailureOf(stepName: string): string[] {
    const index = this.entries.findIndex((e) => e.name === stepName);
    if (index < 0) {
      throw this.error(stepName, `'${stepName}' is not a step of the saga '${this.node.id}'`, 'the name of a step added with addStep()', stepName,
        `use one of: ${this.entries.map((e) => e.name).join(', ')}`);
    }
    const own = this.entries[index].compensateOnFailure ? [this.entries[index]] : [];
    return [...own, ...this.entries.slice(0, index).reverse()]
      .map((e) => e.compensationName)
      .filter((n): n is string => n !== undefined);
  }

  /** Binds the pending compensation (of the step added last), if any, at the head of the chain. */
  private materializePending(): void {
    if (this._pending) {
      this.bindCompensation(this._pending);
      this._pending = undefined;
    }
  }

  /**
   * Binds a compensation in front of the current head: retried, caught (recorded, then on to the
   * next compensation), followed by the next compensation. It becomes the new head.
   */
  private bindCompensation(pending: PendingCompensation): RetryableState {
    const before = this.head();
    const compensation = bindAsOneState(this, idFor(pending.name), pending.name, pending.step, this.queryLanguage);
    if (compensation.stateId !== pending.name) {
      this.claimName(compensation.stateId, 'compensationName');
    }
    compensation.addRetry(pending.retry.toRetryProps());
    compensation.addCatch(before, this.compensationCatch(pending.name));
    compensation.next(before);
    this._head = compensation;
    return compensation;
  }

  /** The catcher of a forward step: keep the input with the error, remember the error. */
  private forwardCatch(): sfn.CatchProps {
    const keep = CatchPreset.keepInput({ queryLanguage: this.queryLanguage });
    return this.jsonata
      ? { ...keep, assign: { [this.vars.error]: '{% $states.errorOutput %}', [this.vars.failed]: false } }
      : { ...keep, assign: { [this.vars.error]: sfn.JsonPath.stringAt('$'), [this.vars.failed]: false } };
  }

  /** The catcher of a compensation: record the failure, go on with the next compensation. */
  private compensationCatch(compensationName: string): sfn.CatchProps {
    return this.jsonata
      ? {
        errors: ['States.ALL'],
        outputs: '{% $states.input %}',
        assign: { [this.vars.failed]: true, [this.vars.compensationError]: '{% $states.errorOutput %}', [this.vars.failedCompensation]: compensationName },
      }
      : {
        errors: ['States.ALL'],
        resultPath: sfn.JsonPath.DISCARD,
        assign: { [this.vars.failed]: true, [this.vars.compensationError]: sfn.JsonPath.stringAt('$'), [this.vars.failedCompensation]: compensationName },
      };
  }

  /**
   * The end of a failed saga, built on first use: a Choice on whether a compensation failed, then
   * a Fail with the original error, or `Saga.CompensationFailed`. The Fail states are JSONata in
   * both query languages: the original error output may lack `Cause` (ASL "Error output": it MAY
   * contain Cause), which a JSONPath `CausePath` cannot default.
   */
  private head(): sfn.State {
    if (this._head) {
      return this._head;
    }
    const v = this.vars;
    const cause = (variable: string) => `($exists($${variable}.Cause) ? $${variable}.Cause : '')`;
    const rolledBack = new sfn.Fail(this, 'RolledBack', {
      stateName: this.names.rolledBack,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      comment: 'The saga failed and every compensation ran: fail with the original error.',
      error: `{% $${v.error}.Error %}`,
      cause: `{% ${cause(v.error)} %}`,
    });
    const compensationFailed = new sfn.Fail(this, 'CompensationFailed', {
      stateName: this.names.compensationFailed,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      comment: 'A compensation failed after its retries: the rollback is incomplete.',
      error: 'Saga.CompensationFailed',
      cause: `{% "'" & $${v.failedCompensation} & "' failed with " & $${v.compensationError}.Error & ": " & ${cause(v.compensationError)}`
        + ` & "; the original error was " & $${v.error}.Error & ": " & ${cause(v.error)} %}`,
    });
    // The Choice is written in the saga's query language, stated explicitly even when the saga
    // has none: its catchers are written for JSONPath then, and a JSONata state machine reports
    // the explicit JSONPath Choice (SW010) instead of rendering JSONPath catchers in JSONata states.
    const jsonPath = !this.jsonata;
    this._head = new sfn.Choice(this, 'AllUndone', { stateName: this.names.choice, queryLanguage: jsonPath ? sfn.QueryLanguage.JSON_PATH : sfn.QueryLanguage.JSONATA })
      .when(jsonPath ? sfn.Condition.booleanEquals(`$${v.failed}`, true) : sfn.Condition.jsonata(`{% $${v.failed} %}`), compensationFailed)
      .otherwise(rolledBack);
    return this._head;
  }

  private claimName(name: string, what: string): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > QUOTAS.stateNameLength.value) {
      throw this.error(String(name), `the state name '${name}' (${what}) has ${typeof name === 'string' ? name.length : 0} characters`,
        `1 to ${QUOTAS.stateNameLength.value} characters`, `${typeof name === 'string' ? name.length : 0} characters`,
        what === 'compensationName' ? 'pass a shorter compensationName' : 'use a shorter name');
    }
    if (this.usedNames.has(name)) {
      throw this.error(name, `the state name '${name}' (${what}) is used twice in the saga '${this.node.id}'`, 'unique state names', `'${name}' twice`,
        'rename one of the two steps or compensations');
    }
    this.usedNames.add(name);
  }

  private error(statePath: string, message: string, limit: string, actual: string, fix: string): StepwiseError {
    return new StepwiseError({ code: CODES.SW706, statePath, message, limit, actual, fix }, this.node.path);
  }
}

/** A construct id for a state name (construct ids cannot contain '/'). */
function idFor(name: string): string {
  return name.split('/').join('|');
}
