import { createHash } from 'crypto';
import { isDeepStrictEqual } from 'util';
import { evaluatePath, PathEnv } from './jsonpath';
import { SeededRandom } from './random';
import { StatesError } from './states-error';
import { pathEnd } from '../../core/asl/intrinsics';

/*
 * The 18 intrinsic functions of JSONPath states (ASL Appendix B; AWS "Intrinsic functions for
 * JSONPath states", https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
 */

type Arg = { kind: 'value'; value: unknown } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

const FAILURE = 'States.IntrinsicFailure';

/** Evaluates an intrinsic function call such as `States.Format('Hello {}', $.name)`. */
export function evaluateIntrinsic(text: string, input: unknown, env: PathEnv, field: string): unknown {
  const parser = new Parser(text, field);
  const call = parser.parseCall();
  parser.expectEnd();
  return evaluateArg(call, input, env, field);
}

function evaluateArg(arg: Arg, input: unknown, env: PathEnv, field: string): unknown {
  switch (arg.kind) {
    case 'value': return arg.value;
    case 'path': return evaluatePath(arg.path, input, env, FAILURE, field);
    case 'call': {
      const fn = FUNCTIONS[arg.name];
      if (!fn) {
        throw new StatesError(FAILURE, `${field}: unknown intrinsic function '${arg.name}'.`);
      }
      const values = arg.args.map((a) => evaluateArg(a, input, env, field));
      return fn(values, (msg) => new StatesError(FAILURE, `${field}: ${arg.name}: ${msg}`), env);
    }
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string, private readonly field: string) {}

  parseCall(): Arg {
    this.skipSpace();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!m) {
      throw this.error('expected an intrinsic function such as States.Format(...)');
    }
    this.pos += m[0].length;
    this.skipSpace();
    this.expect('(');
    const args: Arg[] = [];
    this.skipSpace();
    if (this.peek() !== ')') {
      for (;;) {
        args.push(this.parseArg());
        this.skipSpace();
        if (this.peek() === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    return { kind: 'call', name: m[0], args };
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) {
      throw this.error('unexpected text after the function call');
    }
  }

  private parseArg(): Arg {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) {
      return { kind: 'value', value: this.parseString() };
    }
    if (rest.startsWith('States.')) {
      return this.parseCall();
    }
    if (rest.startsWith('$')) {
      // A path runs until the next top-level ',' or ')' (brackets and quotes may contain them).
      const i = pathEnd(this.text, this.pos);
      const path = this.text.slice(this.pos, i).trim();
      this.pos = i;
      return { kind: 'path', path };
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (literal) {
      this.pos += literal[0].length;
      return { kind: 'value', value: JSON.parse(literal[0]) };
    }
    throw this.error('expected a string, number, boolean, null, path or function call');
  }

  /** A single-quoted string; `\'`, `\{`, `\}` and `\\` are escapes (ASL "Intrinsic Functions"). */
  private parseString(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++];
      if (ch === '\\' && this.pos < this.text.length) {
        const next = this.text[this.pos++];
        // Keep `\{` / `\}` escaped so States.Format can tell them from placeholders.
        out += next === '{' || next === '}' ? `\\${next}` : next;
      } else if (ch === "'") {
        return out;
      } else {
        out += ch;
      }
    }
    throw this.error('unterminated string');
  }

  private peek(): string {
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) {
      throw this.error(`expected '${ch}'`);
    }
    this.pos++;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos++;
    }
  }

  private error(message: string): StatesError {
    return new StatesError(FAILURE, `${this.field}: cannot parse '${this.text}' at character ${this.pos + 1}: ${message}.`);
  }
}

type Fail = (message: string) => StatesError;
type Fn = (args: unknown[], fail: Fail, env: PathEnv) => unknown;

/** A run's generator, or, for a direct call without one, a fresh one seeded with 0. */
function randomOf(env: PathEnv): SeededRandom {
  return env.random ?? new SeededRandom(0);
}

function arity(args: unknown[], min: number, max: number, fail: Fail): void {
  if (args.length < min || args.length > max) {
    throw fail(`expected ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}

function str(v: unknown, fail: Fail, what: string): string {
  if (typeof v !== 'string') {
    throw fail(`${what} must be a string, got ${JSON.stringify(v)}`);
  }
  return v.replace(/\\([{}])/g, '$1');
}

function int(v: unknown, fail: Fail, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw fail(`${what} must be an integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

function arr(v: unknown, fail: Fail, what: string): unknown[] {
  if (!Array.isArray(v)) {
    throw fail(`${what} must be an array, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Hash algorithms accepted by States.Hash and JSONata $hash, mapped to Node's names. */
export const HASH_ALGORITHMS: Record<string, string> = {
  'MD5': 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512',
};

/** Input length limit of Base64 and Hash functions (intrinsic functions page: 10,000 characters). */
const MAX_ENCODE_INPUT = 10000;

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': (args, fail) => {
    if (args.length < 1) {
      throw fail('expected a template string');
    }
    const raw = args[0];
    if (typeof raw !== 'string') {
      throw fail('the template must be a string');
    }
    const values = args.slice(1);
    let i = 0;
    const out = raw.replace(/\\([{}])|\{\}/g, (_whole, escaped: string | undefined) => {
      if (escaped) {
        return escaped;
      }
      if (i >= values.length) {
        throw fail(`the template has more {} than the ${values.length} arguments given`);
      }
      const v = values[i++];
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    if (i !== values.length) {
      throw fail(`the template has ${i} {} but ${values.length} arguments were given`);
    }
    return out;
  },
  'States.StringToJson': (args, fail) => {
    arity(args, 1, 1, fail);
    try {
      return JSON.parse(str(args[0], fail, 'the argument'));
    } catch (e) {
      if (e instanceof StatesError) {
        throw e;
      }
      throw fail(`the string is not JSON: ${(e as Error).message}`);
    }
  },
  'States.JsonToString': (args, fail) => {
    arity(args, 1, 1, fail);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args, fail) => {
    arity(args, 2, 2, fail);
    const a = arr(args[0], fail, 'the first argument');
    const size = int(args[1], fail, 'the chunk size');
    if (size <= 0) {
      throw fail('the chunk size must be greater than 0');
    }
    return partition(a, size);
  },
  'States.ArrayContains': (args, fail) => {
    arity(args, 2, 2, fail);
    return arr(args[0], fail, 'the first argument').some((v) => isDeepStrictEqual(v, args[1]));
  },
  'States.ArrayRange': (args, fail) => {
    arity(args, 3, 3, fail);
    const [start, end, step] = [int(args[0], fail, 'start'), int(args[1], fail, 'end'), int(args[2], fail, 'step')];
    if (step === 0) {
      throw fail('the step must not be 0');
    }
    // ArrayRange returns at most 1,000 items (intrinsic functions page).
    if (Math.floor((end - start) / step) + 1 > 1000) {
      throw fail('the range has more than 1000 items');
    }
    return range(start, end, step);
  },
  'States.ArrayGetItem': (args, fail) => {
    arity(args, 2, 2, fail);
    const a = arr(args[0], fail, 'the first argument');
    const i = int(args[1], fail, 'the index');
    if (i < 0 || i >= a.length) {
      throw fail(`the index ${i} is out of bounds (length ${a.length})`);
    }
    return a[i];
  },
  'States.ArrayLength': (args, fail) => {
    arity(args, 1, 1, fail);
    return arr(args[0], fail, 'the argument').length;
  },
  'States.ArrayUnique': (args, fail) => {
    arity(args, 1, 1, fail);
    const out: unknown[] = [];
    for (const v of arr(args[0], fail, 'the argument')) {
      if (!out.some((o) => isDeepStrictEqual(o, v))) {
        out.push(v);
      }
    }
    return out;
  },
  'States.Base64Encode': (args, fail) => {
    arity(args, 1, 1, fail);
    const s = str(args[0], fail, 'the argument');
    if (s.length > MAX_ENCODE_INPUT) {
      throw fail(`the input is longer than ${MAX_ENCODE_INPUT} characters`);
    }
    return Buffer.from(s, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args, fail) => {
    arity(args, 1, 1, fail);
    const s = str(args[0], fail, 'the argument');
    if (s.length > MAX_ENCODE_INPUT) {
      throw fail(`the input is longer than ${MAX_ENCODE_INPUT} characters`);
    }
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (args, fail) => {
    arity(args, 2, 2, fail);
    const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
    const algorithm = HASH_ALGORITHMS[str(args[1], fail, 'the algorithm')];
    if (!algorithm) {
      throw fail(`the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    }
    if (data.length > MAX_ENCODE_INPUT) {
      throw fail(`the input is longer than ${MAX_ENCODE_INPUT} characters`);
    }
    return createHash(algorithm).update(data).digest('hex');
  },
  'States.JsonMerge': (args, fail) => {
    arity(args, 3, 3, fail);
    const [a, b, deep] = args;
    if (!isObject(a) || !isObject(b)) {
      throw fail('both arguments must be objects');
    }
    // AWS supports only shallow merges: the third argument must be false (intrinsic functions page).
    if (deep !== false) {
      throw fail('the third argument must be false (Step Functions only merges shallowly)');
    }
    return { ...a, ...b };
  },
  'States.MathRandom': (args, fail, env) => {
    arity(args, 2, 3, fail);
    const start = int(args[0], fail, 'start');
    const end = int(args[1], fail, 'end');
    const random = args.length === 3 ? seededRandom(int(args[2], fail, 'the seed')) : randomOf(env).next();
    // Start inclusive, end exclusive, as Step Functions returns.
    return start + Math.floor(random * (end - start));
  },
  'States.MathAdd': (args, fail) => {
    arity(args, 2, 2, fail);
    return int(args[0], fail, 'the first argument') + int(args[1], fail, 'the second argument');
  },
  'States.StringSplit': (args, fail) => {
    arity(args, 2, 2, fail);
    const s = str(args[0], fail, 'the string');
    const delimiters = str(args[1], fail, 'the delimiters');
    // Every character of the second argument is a delimiter (AWS example: '.+,=').
    const re = new RegExp(`[${delimiters.replace(/[\\\]^-]/g, '\\$&')}]`);
    return s.split(re);
  },
  'States.UUID': (args, fail, env) => {
    arity(args, 0, 0, fail);
    return randomOf(env).uuid();
  },
};

/** `array` in chunks of `size` (the last one may be shorter). Shared with JSONata's `$partition`. */
export function partition(array: unknown[], size: number): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) {
    out.push(array.slice(i, i + size));
  }
  return out;
}

/** `start`, `start + step`, ... up to and including `end`; `step` is not 0. Shared with JSONata's `$range`. */
export function range(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    out.push(v);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A deterministic number in [0, 1) from an integer seed: the first 32 bits of its SHA-256. */
export function seededRandom(seed: number): number {
  return createHash('sha256').update(String(seed)).digest().readUInt32BE(0) / 2 ** 32;
}
