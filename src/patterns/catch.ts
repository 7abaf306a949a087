import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { checkErrorNames, PLAIN_NAME } from './private/checks';
import { RetryPreset } from './retry';
import { TimeoutPreset } from './timeouts';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';

/**
 * Options of `CatchPreset.keepInput()`.
 */
export interface CatchPresetOptions {
  /**
   * The query language of the state the catcher is added to: a JSONPath catcher records the
   * error with `ResultPath`, a JSONata catcher with `Output` (JSONata states have no
   * `ResultPath`).
   *
   * @default sfn.QueryLanguage.JSON_PATH
   */
  readonly queryLanguage?: sfn.QueryLanguage;

  /**
   * The errors to catch.
   *
   * @default ['States.ALL']
   */
  readonly errors?: string[];

  /**
   * The field of the state input the error output (`{ Error, Cause }`) is written to.
   *
   * @default 'error'
   */
  readonly resultField?: string;

  /**
   * A workflow variable to assign the error output (`{ Error, Cause }`) to as well, so that later
   * states can read it whatever they do with their input.
   *
   * @default - no variable
   */
  readonly errorVariable?: string;
}

/**
 * Catchers that keep the failed state's input and record the error next to it, in both query
 * languages.
 *
 * When a Task, Parallel or Map state fails and a catcher matches, Step Functions goes to the
 * catcher's `Next` state with the error output, `{ "Error": ..., "Cause": ... }` (ERR "Error
 * output"). By default that output replaces the state's input, so the handler no longer knows
 * which item failed. These catchers put the error output into a known field of the input instead:
 *
 * - JSONPath: `ResultPath: '$.error'` (the input must be an object);
 * - JSONata: `Output: {% $merge([$states.input, {'error': $states.errorOutput}]) %}` (an input that
 *   is not an object is wrapped as `{ input, error }`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-fallback-states
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * flow.addStep('Charge', LambdaSteps.invoke({ lambdaFunction: chargeFn }))
 *   .addCatch(failurePath, CatchPreset.keepInput());
 */
export class CatchPreset {
  /**
   * A catcher (`States.ALL` unless `errors` says otherwise) that keeps the state's input and adds
   * the error output to it in `resultField` (`error`).
   *
   * @param options query language, errors, field and variable
   * @throws SW702 for invalid error names; SW705 for an invalid field or variable name
   */
  public static keepInput(options: CatchPresetOptions = {}): sfn.CatchProps {
    const errors = options.errors ?? ['States.ALL'];
    checkErrorNames(errors, 'the catch preset');
    const field = checkField(options.resultField ?? 'error', 'resultField');
    const variable = options.errorVariable === undefined ? undefined : checkField(options.errorVariable, 'errorVariable');
    if (options.queryLanguage === sfn.QueryLanguage.JSONATA) {
      return {
        errors,
        outputs: CatchPreset.jsonataKeepInputExpression(field),
        assign: variable ? { [variable]: '{% $states.errorOutput %}' } : undefined,
      };
    }
    return {
      errors,
      resultPath: `$.${field}`,
      // In a JSONPath catcher's Assign, `$` is the error output (ASL "Assign", VAR).
      assign: variable ? { [variable]: sfn.JsonPath.stringAt('$') } : undefined,
    };
  }

  /**
   * The JSONata `Output` expression that keeps the input and adds the error output in `field`.
   *
   * @param field the field name, e.g. `error`
   */
  public static jsonataKeepInputExpression(field: string = 'error'): string {
    checkField(field, 'resultField');
    return `{% $type($states.input) = 'object' ? $merge([$states.input, {'${field}': $states.errorOutput}]) : {'input': $states.input, '${field}': $states.errorOutput} %}`;
  }

  private constructor() {}
}

/**
 * Properties of a `FailurePath`.
 */
export interface FailurePathProps {
  /**
   * The query language of the path's states. Set `JSONATA` in a JSONata workflow (a path without
   * one is written for JSONPath, which a JSONata workflow rejects: SW010), and reach it from
   * catchers built with `CatchPreset.keepInput({ queryLanguage: JSONATA })`.
   *
   * @default sfn.QueryLanguage.JSON_PATH
   */
  readonly queryLanguage?: sfn.QueryLanguage;

  /**
   * The error name the execution fails with. User error names must not start with `States.`.
   *
   * @default - the original error (the `Error` of the caught error output)
   */
  readonly error?: string;

  /**
   * The cause the execution fails with.
   *
   * @default - the original cause; with `error` set, `<original Error>: <original Cause>`
   */
  readonly cause?: string;

  /**
   * A queue to send the failed item to before failing: the message body is
   * `{ "executionId": ..., "input": <the state input, with the error in resultField> }`.
   *
   * @default - no dead-letter queue
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * A topic to notify before failing: the message is
   * `{ "executionId": ..., "error": ..., "cause": ... }`.
   *
   * @default - no notification
   */
  readonly topic?: sns.ITopic;

  /**
   * The subject of the notification (e-mail subscribers see it).
   *
   * @default 'Step Functions execution failed'
   */
  readonly subject?: string;

  /**
   * The field the catcher wrote the error output to (`CatchPreset.keepInput({ resultField })`).
   *
   * @default 'error'
   */
  readonly resultField?: string;

  /**
   * The prefix of the path's state names: `<prefix>: to dead-letter queue`, `<prefix>: notify`,
   * and the Fail state `<prefix>`.
   *
   * @default - the construct id
   */
  readonly stateNamePrefix?: string;
}

/**
 * Where a catcher sends a failed item: optionally to an SQS dead-letter queue, optionally a
 * notification on an SNS topic, then a Fail state with a clear error (by default the original
 * error and cause).
 *
 * Use it as the handler of `CatchPreset.keepInput()` catchers; several catchers can share one
 * path. The dead-letter and notification tasks are retried on any task failure (a duplicate
 * message is harmless, a lost one is not) and, if they still fail, skipped: the execution then
 * still fails with the original error, and its input stays in the execution history for a
 * redrive.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const failed = new FailurePath(this, 'Order failed', { deadLetterQueue: dlq, topic: alerts });
 * flow.addStep('Charge', LambdaSteps.invoke({ lambdaFunction: chargeFn })).addCatch(failed, CatchPreset.keepInput());
 */
export class FailurePath extends Construct implements sfn.IChainable {
  /** The first state of the path. */
  public readonly startState: sfn.State;

  /** Always empty: the path ends in a Fail state. */
  public readonly endStates: sfn.INextable[] = [];

  /** The Fail state at the end. */
  public readonly failState: sfn.Fail;

  /**
   * The task that sends the item to the dead-letter queue.
   *
   * @default - none (no `deadLetterQueue`)
   */
  public readonly deadLetterTask?: tasks.SqsSendMessage;

  /**
   * The task that publishes the notification.
   *
   * @default - none (no `topic`)
   */
  public readonly notifyTask?: tasks.SnsPublish;

  /**
   * @param scope the construct scope of the path's states
   * @param id the construct id (and, by default, the name of its Fail state)
   * @param props queue, topic and error
   */
  constructor(scope: Construct, id: string, props: FailurePathProps = {}) {
    super(scope, id);
    const field = checkField(props.resultField ?? 'error', 'resultField');
    if (props.error !== undefined) {
      if (typeof props.error !== 'string' || props.error.length === 0 || props.error.startsWith('States.')) {
        throw new StepwiseError({
          code: CODES.SW705,
          statePath: '',
          message: `the failure path's error name '${props.error}' is ${props.error?.startsWith?.('States.') ? 'reserved: names starting with States. are Step Functions\' own' : 'empty'}`,
          limit: 'a non-empty name that does not start with States.',
          actual: String(props.error),
          fix: 'name the error after your domain, e.g. OrderFailed',
        }, this.node.path);
      }
    }
    const prefix = props.stateNamePrefix ?? id;
    // Written for one query language: without one, JSONPath states, stated explicitly, so that a
    // JSONata state machine reports it (SW010) instead of rendering JSONPath fields.
    const queryLanguage = props.queryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    const jsonata = queryLanguage === sfn.QueryLanguage.JSONATA;
    const names = { dlq: `${prefix}: to dead-letter queue`, notify: `${prefix}: notify`, fail: prefix };
    const created = [names.fail, ...(props.topic ? [names.notify] : []), ...(props.deadLetterQueue ? [names.dlq] : [])];
    for (const name of created) {
      if (name.length === 0 || name.length > QUOTAS.stateNameLength.value) {
        throw new StepwiseError({
          code: CODES.SW705,
          statePath: name,
          message: `the failure path's state name '${name}' has ${name.length} characters`,
          limit: `1 to ${QUOTAS.stateNameLength.value} characters`,
          actual: `${name.length} characters`,
          fix: 'pass a shorter stateNamePrefix',
        }, this.node.path);
      }
    }

    // The Fail state is a JSONata state in both languages: an error output may lack `Cause`
    // (ASL "Error output": it MAY contain Cause), and a JSONPath CausePath to a missing field
    // fails the execution with States.Runtime instead of the original error. A JSONata state is
    // allowed in a JSONPath state machine (STRUCT "QueryLanguage").
    this.failState = new sfn.Fail(this, 'Fail', {
      stateName: names.fail,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      ...failFields(field, props),
    });

    let next: sfn.State = this.failState;
    if (props.topic) {
      this.notifyTask = new tasks.SnsPublish(this, 'Notify', {
        stateName: names.notify,
        queryLanguage,
        topic: props.topic,
        subject: props.subject ?? 'Step Functions execution failed',
        // A send that hangs must not hold the failure path (and the original error) forever.
        taskTimeout: TimeoutPreset.requestResponse().taskTimeout,
        message: jsonata
          ? sfn.TaskInput.fromObject({
            executionId: '{% $states.context.Execution.Id %}',
            error: `{% $states.input.${field}.Error %}`,
            cause: `{% $exists($states.input.${field}.Cause) ? $states.input.${field}.Cause : '' %}`,
          })
          : sfn.TaskInput.fromObject({
            executionId: sfn.JsonPath.executionId,
            error: sfn.JsonPath.stringAt(`$.${field}.Error`),
            cause: sfn.JsonPath.stringAt(`$.${field}.Cause`),
          }),
        ...keepInput(jsonata),
      });
      guard(this.notifyTask, next, jsonata);
      this.notifyTask.next(next);
      next = this.notifyTask;
    }
    if (props.deadLetterQueue) {
      this.deadLetterTask = new tasks.SqsSendMessage(this, 'DeadLetter', {
        stateName: names.dlq,
        queryLanguage,
        queue: props.deadLetterQueue,
        taskTimeout: TimeoutPreset.requestResponse().taskTimeout,
        messageBody: jsonata
          ? sfn.TaskInput.fromObject({ executionId: '{% $states.context.Execution.Id %}', input: '{% $states.input %}' })
          : sfn.TaskInput.fromObject({ executionId: sfn.JsonPath.executionId, input: sfn.JsonPath.stringAt('$') }),
        ...keepInput(jsonata),
      });
      guard(this.deadLetterTask, next, jsonata);
      this.deadLetterTask.next(next);
      next = this.deadLetterTask;
    }
    this.startState = next;
  }

  /** The path's name, as `sfn.IChainable` requires: its construct id. */
  public get id(): string {
    return this.node.id;
  }
}

/** A task whose result is dropped, so the item (with its error) flows on unchanged. */
function keepInput(jsonata: boolean): { resultPath?: string; outputs?: string } {
  return jsonata ? { outputs: '{% $states.input %}' } : { resultPath: sfn.JsonPath.DISCARD };
}

/**
 * Retries a notification task on any failure (repeating a send is harmless: at worst a duplicate
 * message) and, if it still fails, goes on to `next` with the item unchanged, so a broken queue or
 * topic never hides the original error.
 */
function guard(task: sfn.TaskStateBase, next: sfn.State, jsonata: boolean): void {
  task.addRetry(RetryPreset.taskFailed({ maxAttempts: 3 }).toRetryProps());
  task.addCatch(next, jsonata ? { errors: ['States.ALL'], outputs: '{% $states.input %}' } : { errors: ['States.ALL'], resultPath: sfn.JsonPath.DISCARD });
}

function failFields(field: string, props: FailurePathProps): sfn.FailProps {
  const original = `($exists($states.input.${field}.Cause) ? $states.input.${field}.Cause : '')`;
  return {
    error: props.error ?? `{% $states.input.${field}.Error %}`,
    cause: props.cause ?? (props.error ? `{% $states.input.${field}.Error & ': ' & ${original} %}` : `{% ${original} %}`),
  };
}

/** SW705: a field or variable name the presets write to. */
function checkField(name: string, what: string): string {
  if (typeof name !== 'string' || !PLAIN_NAME.test(name) || name === 'states') {
    throw new StepwiseError({
      code: CODES.SW705,
      statePath: '',
      message: `the ${what} '${name}' is not a plain field name`,
      limit: 'letters, digits and underscores, not starting with a digit, not "states"',
      actual: String(name),
      fix: `use a name such as 'error' for ${what}`,
    });
  }
  return name;
}
