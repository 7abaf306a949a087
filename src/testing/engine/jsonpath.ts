import { JSONPath } from 'jsonpath-plus';
// The one import circle of the library, and a natural one: a payload template's `.$` value may be
// an intrinsic function call, and an intrinsic function's arguments may be paths (ASL "Intrinsic
// functions"), so each evaluator calls the other.
import { evaluateIntrinsic } from './intrinsics';
import { SeededRandom } from './random';
import { StatesError } from './states-error';

/** What a JSONPath expression can see besides the state's input. */
export interface PathEnv {
  /** The Context Object (`$$`). */
  readonly context: unknown;
  /** The run's random numbers (`States.MathRandom` without a seed, `States.UUID`). @default - a generator seeded with 0 */
  readonly random?: SeededRandom;
  /** A workflow variable (`$name`), or `undefined` when it has no value. */
  variable(name: string): { value: unknown } | undefined;
}

/** Leading `$name` of a variable reference: `$` then a Unicode identifier (ASL "Variable name syntax"). */
const VARIABLE_REF = /^\$([\p{ID_Start}_][\p{ID_Continue}]*)/u;

/**
 * Evaluates an ASL Path (`$.a.b`, `$$.Execution.Id`, `$order.items[0]`, `$.items[?(@.n > 1)]`)
 * against the input. A definite path yields its one value; a path with wildcards, filters,
 * slices, unions or `..` yields the array of matches. A definite path that matches nothing
 * throws `failure` (the error name Step Functions reports for the field).
 */
export function evaluatePath(path: string, input: unknown, env: PathEnv, failure: string, field: string): unknown {
  let root = input;
  let rest = path;
  if (path.startsWith('$$')) {
    root = env.context;
    rest = path.slice(1);
  } else {
    const v = VARIABLE_REF.exec(path);
    if (v) {
      const found = env.variable(v[1]);
      if (!found) {
        throw new StatesError(failure, `${field}: the variable '$${v[1]}' has no value.`);
      }
      root = found.value;
      rest = `$${path.slice(v[0].length)}`;
    } else if (!path.startsWith('$')) {
      throw new StatesError(failure, `${field}: '${path}' is not a JSONPath (it must start with '$').`);
    }
  }
  if (rest === '$') {
    return root;
  }
  const matches = root !== null && typeof root === 'object'
    ? JSONPath({ path: rest, json: root as object, wrap: true, eval: 'safe' }) as unknown[]
    : [];
  if (isIndefinite(rest)) {
    return matches;
  }
  if (matches.length === 0) {
    throw new StatesError(failure, `${field}: the JSONPath '${path}' could not be found in the input ${preview(root)}.`);
  }
  return matches[0];
}

/** Whether a JSONPath can match several values (wildcard, deep scan, filter, slice, union). */
function isIndefinite(path: string): boolean {
  const withoutQuoted = path.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return /\*|\.\.|\?\(|\[[^\]]*[:,][^\]]*\]/.test(withoutQuoted);
}

/**
 * Applies a Payload Template (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`):
 * keys ending in `.$` take the value of a Path, a context path or an intrinsic function.
 */
export function applyPayloadTemplate(template: unknown, input: unknown, env: PathEnv, field: string): unknown {
  if (Array.isArray(template)) {
    return template.map((t) => applyPayloadTemplate(t, input, env, field));
  }
  if (template === null || typeof template !== 'object') {
    return template;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = value.startsWith('$')
        ? evaluatePath(value, input, env, 'States.ParameterPathFailure', `${field}.${key}`)
        : evaluateIntrinsic(value, input, env, `${field}.${key}`);
    } else {
      out[key] = applyPayloadTemplate(value, input, env, field);
    }
  }
  return out;
}

/**
 * Places a result into a copy of the raw input at a Reference Path (`ResultPath`): `$` replaces
 * the input, `null` discards the result, `$.a.b` creates or replaces that field.
 */
export function applyResultPath(rawInput: unknown, resultPath: unknown, result: unknown): unknown {
  if (resultPath === undefined || resultPath === '$') {
    return result;
  }
  if (resultPath === null) {
    return rawInput;
  }
  const steps = parseReferencePath(String(resultPath));
  const output = structuredClone(rawInput);
  if (output === null || typeof output !== 'object') {
    throw new StatesError('States.ResultPathMatchFailure', `ResultPath '${resultPath}' cannot be applied to the input ${preview(rawInput)}: it is not an object.`);
  }
  let node = output as Record<string | number, unknown>;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      node[step] = result;
      return;
    }
    const child = node[step];
    if (child === undefined) {
      node[step] = {};
    } else if (child === null || typeof child !== 'object') {
      throw new StatesError('States.ResultPathMatchFailure', `ResultPath '${resultPath}' cannot be applied: '${String(step)}' holds ${preview(child)}, not an object.`);
    }
    node = node[step] as Record<string | number, unknown>;
  });
  return output;
}

/** `$.a['b c'][0]` -> ['a', 'b c', 0]. Reference Paths allow only `.` and `[]` access (ASL "Reference Paths"). */
function parseReferencePath(path: string): Array<string | number> {
  if (!path.startsWith('$')) {
    throw new StatesError('States.ResultPathMatchFailure', `ResultPath '${path}' is not a Reference Path.`);
  }
  const steps: Array<string | number> = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) {
      throw new StatesError('States.ResultPathMatchFailure', `ResultPath '${path}' is not a Reference Path (only '.name' and '[index]' steps are allowed).`);
    }
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4])));
  }
  return steps;
}

/** A short rendering of a value for error messages. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
