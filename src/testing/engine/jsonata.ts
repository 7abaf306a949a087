import { createHash } from 'crypto';
import jsonata from 'jsonata';
import { HASH_ALGORITHMS, partition, range, seededRandom } from './intrinsics';
import { SeededRandom } from './random';
import { StatesError } from './states-error';

/*
 * The JSONata query layer. Step Functions evaluates strings of the form `{% expression %}` with
 * JSONata 2.0 semantics, binds `$states` and the workflow variables, adds six functions and
 * removes `$eval`. Source: "Transforming data with JSONata in Step Functions",
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */

const FAILURE = 'States.QueryEvaluationError';

/** `{%` ... `%}` with nothing outside the delimiters. */
const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** Whether a value is a JSONata expression string. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** Compiled expressions, by source text; definitions repeat the same expressions run after run. */
const compiled = new Map<string, jsonata.Expression>();

function compile(text: string, field: string): jsonata.Expression {
  let expr = compiled.get(text);
  if (!expr) {
    try {
      expr = jsonata(EXPRESSION.exec(text)![1]);
    } catch (e) {
      throw new StatesError(FAILURE, `${field}: the JSONata expression ${text} does not parse: ${(e as Error).message}`);
    }
    compiled.set(text, expr);
  }
  return expr;
}

/** The functions Step Functions adds to JSONata, and `$eval`, which it removes. */
const STEP_FUNCTIONS_FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  partition: (array: unknown, size: unknown) => {
    if (!Array.isArray(array) || typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      throw new Error('$partition(array, size) needs an array and a positive integer size');
    }
    return partition(array, size);
  },
  range: (start: unknown, end: unknown, step: unknown) => {
    if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0) {
      throw new Error('$range(start, end, step) needs numbers and a non-zero step');
    }
    return range(start, end, step);
  },
  hash: (data: unknown, algorithm: unknown) => {
    const name = typeof algorithm === 'string' ? HASH_ALGORITHMS[algorithm] : undefined;
    if (typeof data !== 'string' || !name) {
      throw new Error(`$hash(data, algorithm) needs a string and one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    }
    return createHash(name).update(data).digest('hex');
  },
  parse: (text: unknown) => {
    if (typeof text !== 'string') {
      throw new Error('$parse(text) needs a string');
    }
    return JSON.parse(text);
  },
  eval: () => {
    throw new Error('$eval is not available in Step Functions; use $parse');
  },
};

/** What a JSONata expression can see: `$states` and the workflow variables. */
export interface JsonataBindings {
  readonly states: {
    readonly input: unknown;
    readonly context: unknown;
    readonly result?: unknown;
    readonly errorOutput?: unknown;
  };
  readonly variables: Record<string, unknown>;
  /** The run's random numbers (`$random()` without a seed, `$uuid()`). @default - a generator seeded with 0 */
  readonly random?: SeededRandom;
}

/** `$random([seed])` and `$uuid()`, drawing from the run's generator. */
function randomFunctions(generator: SeededRandom): Record<string, (...args: any[]) => unknown> {
  return {
    random: (seed?: unknown) => {
      if (seed === undefined) {
        return generator.next();
      }
      if (typeof seed !== 'number' || !Number.isInteger(seed)) {
        throw new Error('$random(seed) needs an integer seed');
      }
      return seededRandom(seed);
    },
    uuid: () => generator.uuid(),
  };
}

/**
 * Evaluates a field: a JSONata expression string, or a JSON value whose string leaves may be
 * expressions (objects and arrays are walked; keys are never evaluated). A field that evaluates
 * to nothing fails with `States.QueryEvaluationError`, as in Step Functions.
 */
export async function evaluateJsonata(template: unknown, bindings: JsonataBindings, field: string): Promise<unknown> {
  if (isJsonataExpression(template)) {
    const expr = compile(template, field);
    let value: unknown;
    try {
      const functions = { ...STEP_FUNCTIONS_FUNCTIONS, ...randomFunctions(bindings.random ?? new SeededRandom(0)) };
      value = await expr.evaluate(undefined, { ...functions, ...bindings.variables, states: bindings.states });
    } catch (e) {
      throw new StatesError(FAILURE, `${field}: the JSONata expression ${template} failed: ${(e as Error).message}`);
    }
    if (value === undefined) {
      throw new StatesError(FAILURE, `${field}: the JSONata expression ${template} returned nothing (undefined).`);
    }
    // JSONata marks result arrays with extra properties; hand back plain JSON.
    return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
  }
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (let i = 0; i < template.length; i++) {
      out.push(await evaluateJsonata(template[i], bindings, `${field}[${i}]`));
    }
    return out;
  }
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await evaluateJsonata(value, bindings, `${field}.${key}`);
    }
    return out;
  }
  return template;
}
