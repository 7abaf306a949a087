import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LanguageSlots, entireInputValue, taskTokenValue } from './language';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';

/** Where a callback payload is going, for error messages. */
export interface TokenTarget {
  /** The state name. */
  readonly stateName: string;
  /** The construct path of the state (for the message). */
  readonly constructPath: string;
  /** The prop holding the payload, e.g. `messageBody`. */
  readonly prop: string;
}

/** The default field name callback steps put the task token in. */
export const DEFAULT_TASK_TOKEN_FIELD = 'taskToken';

/**
 * The payload of a callback step with the task token in it.
 *
 * - no payload: `{ input: <the state input>, <field>: <token> }`;
 * - an object payload: a copy with `<field>: <token>` added, unless it carries the token already;
 * - a text or path payload: used as is, but only if it carries the token (it cannot be extended).
 *
 * @throws SW501 when a text or path payload has no token; SW507 when the object already has `field`
 */
export function payloadWithTaskToken(
  payload: sfn.TaskInput | undefined,
  field: string,
  slots: LanguageSlots,
  target: TokenTarget,
): sfn.TaskInput {
  if (payload === undefined) {
    const value: Record<string, unknown> = {};
    slots.put(value, 'input', entireInputValue());
    slots.put(value, field, taskTokenValue());
    return sfn.TaskInput.fromObject(value);
  }
  const withToken = withTaskTokenIfPossible(payload, field, slots, target);
  if (withToken === undefined) {
    const kind = typeof payload.value === 'string' && sfn.JsonPath.isEncodedJsonPath(payload.value) ? 'a JSON path' : 'a text';
    throw missingTokenError(target, `the ${target.prop} is ${kind} without the task token, so the step cannot add it`);
  }
  return withToken;
}

/**
 * `payload` if it carries the task token already; a copy with `<field>: <token>` if it is an
 * object; undefined for a text or path payload without the token (it cannot be extended).
 *
 * @throws SW507 when the object already has `field`
 */
export function withTaskTokenIfPossible(
  payload: sfn.TaskInput,
  field: string,
  slots: LanguageSlots,
  target: TokenTarget,
): sfn.TaskInput | undefined {
  if (carriesTaskToken(payload.value)) {
    return payload;
  }
  if (payload.type !== sfn.InputType.OBJECT) {
    return undefined;
  }
  const value: Record<string, unknown> = { ...(payload.value as Record<string, unknown>) };
  if (field in value) {
    throw new StepwiseError({
      code: CODES.SW507,
      statePath: target.stateName,
      message: `the ${target.prop} already has a field '${field}', where the step would put the task token`,
      fix: `set taskTokenField to a name the ${target.prop} does not use, or rename the ${target.prop}'s '${field}' field`,
    }, target.constructPath);
  }
  slots.put(value, field, taskTokenValue());
  return sfn.TaskInput.fromObject(value);
}

/** SW501 for a payload that does not carry the task token. */
export function missingTokenError(target: TokenTarget, found: string, fix?: string): StepwiseError {
  return new StepwiseError({
    code: CODES.SW501,
    statePath: target.stateName,
    message: `the callback step does not pass the task token: ${found}`,
    fix: fix ?? `pass the ${target.prop} as an object (sfn.TaskInput.fromObject) and the step adds the token in its taskTokenField, or put the token in it yourself: sfn.JsonPath.taskToken in JSONPath, TaskToken.JSONATA ('{% $states.context.Task.Token %}') in JSONata`,
  }, target.constructPath);
}

/**
 * Whether a payload value (an object, a text, a JSONPath or JSONata expression) references the
 * task token, also inside an intrinsic function (`JsonPath.format('{}', JsonPath.taskToken)`),
 * which aws-cdk-lib's `FieldUtils.containsTaskToken` does not see.
 */
export function carriesTaskToken(value: unknown): boolean {
  // containsTaskToken is typed for objects but walks any JSON value (aws-cdk-lib passes it texts
  // and arrays too).
  return sfn.FieldUtils.containsTaskToken(value as { [key: string]: any })
    || hasJsonPathToken(sfn.FieldUtils.renderObject({ value }))
    || hasJsonataToken(value);
}

// A JSONPath reference to the token or to an object that contains it ($$, $$.Task, $$.Task.Token),
// also inside an intrinsic function such as States.Format('{}', $$.Task.Token).
const JSONPATH_TOKEN = /\$\$(?:\.Task(?:\.Token)?)?(?![\w.])/;
// The same for JSONata ($states.context, $states.context.Task, $states.context.Task.Token); the
// pattern is aws-cdk-lib's FieldUtils.containsTaskToken one.
const JSONATA_TOKEN = /(?<!\$states\.context\.)\$states\.context(?:\.Task(?:\.Token)?)?(?!\.[a-zA-Z])/;

/**
 * Whether a rendered state (`toStateJson()`) passes the task token in its `Parameters`
 * (JSONPath: a `.$` field referencing it) or `Arguments` (JSONata: an expression referencing it).
 */
export function renderedStateHasTaskToken(state: Record<string, unknown>): boolean {
  if (state.Parameters !== undefined && hasJsonPathToken(state.Parameters)) {
    return true;
  }
  return state.Arguments !== undefined && hasJsonataToken(state.Arguments);
}

function hasJsonPathToken(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(hasJsonPathToken);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, v]) =>
      (key.endsWith('.$') && typeof v === 'string' && JSONPATH_TOKEN.test(v)) || hasJsonPathToken(v));
  }
  return false;
}

function hasJsonataToken(value: unknown): boolean {
  if (typeof value === 'string') {
    const expression = /^\{%([\s\S]*)%\}$/.exec(value.trim());
    return expression !== null && JSONATA_TOKEN.test(expression[1]);
  }
  if (Array.isArray(value)) {
    return value.some(hasJsonataToken);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).some(hasJsonataToken);
  }
  return false;
}
