import { Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';
import { Heartbeat } from '../../core/heartbeat';
import { QUOTAS, describeQuota } from '../../core/quotas';
import { StepBindOptions } from '../../core/step';
import { IntegrationStepOptions } from '../options';

/** What every step's `createTask()` knows about the state it builds. */
export interface BindContext {
  readonly stateName: string;
  /** The query language the step was bound with; undefined = the state machine's. */
  readonly queryLanguage?: sfn.QueryLanguage;
  /** The construct path the task will have, for error messages. */
  readonly constructPath: string;
}

/** The bind context of `bind(scope, id, options)`. */
export function bindContext(scope: Construct, id: string, options: StepBindOptions): BindContext {
  return {
    stateName: options.stateName,
    queryLanguage: options.queryLanguage,
    constructPath: `${scope.node.path}/${id}`,
  };
}

/** The timeouts of a step: its task timeout and, for callbacks and some jobs, its heartbeat. */
export interface StepTimeouts {
  readonly taskTimeout?: sfn.Timeout;
  readonly heartbeat?: Heartbeat;
}

/**
 * The aws-cdk-lib task props every step shares (name, query language, comment, input/output
 * processing, credentials, timeouts), after checking them against the query language and each
 * other. Props are picked one by one: a step's own props (e.g. `heartbeat: Heartbeat`) must not
 * reach aws-cdk-lib props of the same name and another type.
 *
 * @throws SW508 for an option of the other query language; SW214 for a time that is not whole
 *   seconds from 1 to 99,999,999; SW213 for a heartbeat not below the timeout
 */
export function taskStateProps(options: IntegrationStepOptions, timeouts: StepTimeouts, ctx: BindContext): sfn.TaskStateBaseProps {
  checkQueryLanguageOptions(options, timeouts, ctx);
  checkTimeouts(timeouts, ctx);
  return {
    stateName: ctx.stateName,
    queryLanguage: ctx.queryLanguage,
    comment: options.comment,
    inputPath: options.inputPath,
    resultPath: options.resultPath,
    resultSelector: options.resultSelector,
    outputPath: options.outputPath,
    outputs: options.outputs,
    assign: options.assign,
    credentials: options.credentials,
    taskTimeout: timeouts.taskTimeout,
    heartbeatTimeout: timeouts.heartbeat?.timeout,
  };
}

/**
 * SW508: options of the other query language. A step bound without a query language inherits
 * the state machine's, which is unknown here: then nothing is checked (the definition
 * validation sees the rendered state).
 */
function checkQueryLanguageOptions(options: IntegrationStepOptions, timeouts: StepTimeouts, ctx: BindContext): void {
  const found: string[] = [];
  if (ctx.queryLanguage === sfn.QueryLanguage.JSONATA) {
    for (const key of ['inputPath', 'resultPath', 'resultSelector', 'outputPath'] as const) {
      if (options[key] !== undefined) {
        found.push(key);
      }
    }
    if (timeouts.taskTimeout?.path !== undefined) {
      found.push('taskTimeout: Timeout.at()');
    }
    if (timeouts.heartbeat?.timeout?.path !== undefined) {
      found.push('heartbeat: Heartbeat.at()');
    }
  } else if (ctx.queryLanguage === sfn.QueryLanguage.JSON_PATH) {
    if (options.outputs !== undefined) {
      found.push('outputs');
    }
    if (timeouts.taskTimeout?.jsonataExpression !== undefined) {
      found.push('taskTimeout: Timeout.jsonata()');
    }
    if (timeouts.heartbeat?.timeout?.jsonataExpression !== undefined) {
      found.push('heartbeat: Heartbeat.jsonata()');
    }
  }
  if (found.length > 0) {
    const jsonata = ctx.queryLanguage === sfn.QueryLanguage.JSONATA;
    throw new StepwiseError({
      code: CODES.SW508,
      statePath: ctx.stateName,
      message: `the step is a ${jsonata ? 'JSONata' : 'JSONPath'} state but has ${jsonata ? 'JSONPath' : 'JSONata'} options: ${found.join(', ')}`,
      fix: jsonata
        ? 'shape the result with outputs and assign (JSONata expressions), and use Timeout.duration()/Timeout.jsonata() and Heartbeat.every()/Heartbeat.jsonata()'
        : 'shape the result with resultSelector, resultPath and outputPath, and use Timeout.duration()/Timeout.at() and Heartbeat.every()/Heartbeat.at(); or build the step in a JSONata flow',
    }, ctx.constructPath);
  }
}

/**
 * SW214: `TimeoutSeconds` and `HeartbeatSeconds` are positive integers (ASL "Task State"), at most
 * 99,999,999 (AWS's ASL language service schema); SW213: a heartbeat that is not shorter than the
 * task timeout can never fire. The same codes as the definition validation, which sees the
 * rendered fields of states built without cdk-stepwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html#task-state-fields
 */
function checkTimeouts(timeouts: StepTimeouts, ctx: BindContext): void {
  const heartbeat = knownSeconds(timeouts.heartbeat?.timeout);
  const timeout = knownSeconds(timeouts.taskTimeout);
  for (const [prop, seconds] of [['taskTimeout', timeout], ['heartbeat', heartbeat]] as const) {
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 1 && seconds <= QUOTAS.maxSecondsField.value)) {
      throw new StepwiseError({
        code: CODES.SW214,
        statePath: ctx.stateName,
        message: `the step's ${prop} is ${seconds} seconds, which ${prop === 'taskTimeout' ? 'TimeoutSeconds' : 'HeartbeatSeconds'} cannot hold`,
        limit: `a whole number of seconds from 1 to ${describeQuota('maxSecondsField')}`,
        actual: `${seconds} seconds`,
        fix: `give ${prop} whole seconds from 1 up, e.g. ${prop === 'taskTimeout' ? 'sfn.Timeout.duration(Duration.hours(1))' : 'Heartbeat.every(Duration.minutes(5))'}`,
      }, ctx.constructPath);
    }
  }
  if (heartbeat !== undefined && timeout !== undefined && heartbeat >= timeout) {
    throw new StepwiseError({
      code: CODES.SW213,
      statePath: ctx.stateName,
      message: 'the heartbeat is not shorter than the task timeout, so it can never fire before the timeout',
      limit: `heartbeat below the task timeout (${timeout} seconds)`,
      actual: `heartbeat of ${heartbeat} seconds`,
      fix: 'make the heartbeat shorter than the task timeout (e.g. Heartbeat.every(Duration.minutes(5)) with a one-hour timeout), or raise the timeout',
    }, ctx.constructPath);
  }
}

/** The seconds of a fixed timeout; undefined for a path, an expression or a token. */
function knownSeconds(timeout: sfn.Timeout | undefined): number | undefined {
  const seconds = timeout?.seconds;
  return seconds === undefined || Token.isUnresolved(seconds) ? undefined : seconds;
}

/**
 * The state's `TimeoutSeconds`/`TimeoutSecondsPath` for a task timeout, as aws-cdk-lib's
 * `TaskStateBase` renders them. For the tasks that drop them (aws-cdk-lib's `BatchSubmitJob` and
 * `GlueStartJobRun` turn `taskTimeout` into the job's own timeout and leave the state without
 * one).
 */
export function renderStateTimeout(timeout: sfn.Timeout | undefined): { TimeoutSeconds?: number | string; TimeoutSecondsPath?: string } {
  return {
    TimeoutSeconds: timeout?.seconds ?? timeout?.jsonataExpression,
    TimeoutSecondsPath: timeout?.path,
  };
}
