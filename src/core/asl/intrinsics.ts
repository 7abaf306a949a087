/*
 * Intrinsic functions of JSONPath states (`States.Format('{}', $.name)`): their syntax, the 18
 * functions Step Functions defines with their arity and argument types, and the checks that can be
 * made before a run. Parsing only: the local runner evaluates the parsed call.
 *
 * Sources: ASL "Intrinsic Functions" and Appendix B (https://states-language.net/spec.html#appendix-b);
 * AWS "Intrinsic functions for JSONPath states"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html): the function
 * list, each function's arguments, "you can nest up to 10 intrinsic functions within a field",
 * `States.JsonMerge` merges shallowly only ("you must specify the boolean value as false"),
 * `States.MathAdd` takes integers from -2147483648 to 2147483647, `States.ArrayRange` returns at
 * most 1,000 items, and the Base64 and Hash functions take at most 10,000 characters.
 * The characters `' { } \` are reserved inside string literals and are written `\'`, `\{`, `\}`
 * and `\\`; Step Functions rejects any other escape (a `\"` inside a literal:
 * "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function
 * call", recorded against AWS in localstack's test_base_scenarios.snapshot.json,
 * https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json).
 */
import { closestName } from './closest';
import { ParsedPath, parsePath } from './paths';
import { QUOTAS, formatNumber } from '../quotas';

/** One argument of an intrinsic function call. */
export type IntrinsicArg =
  | { readonly kind: 'string'; readonly value: string; readonly raw: string; readonly position: number }
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  | { readonly kind: 'null'; readonly position: number }
  | { readonly kind: 'path'; readonly text: string; readonly path: ParsedPath; readonly position: number }
  | { readonly kind: 'call'; readonly call: IntrinsicCall; readonly position: number };

/** A parsed call such as `States.MathAdd($.count, 1)`. */
export interface IntrinsicCall {
  /** `States.MathAdd`. */
  readonly name: string;
  readonly args: IntrinsicArg[];
  /** The 1-based character the call starts at. */
  readonly position: number;
}

/** What an intrinsic function returns, or takes as an argument. */
export type IntrinsicType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'any';

/** One intrinsic function: how many arguments it takes, of which types, and what it returns. */
export interface IntrinsicFunction {
  readonly minArgs: number;
  /** `Infinity` for `States.Format` and `States.Array`. */
  readonly maxArgs: number;
  /** The type of each argument, by position; the last one repeats. */
  readonly args: readonly IntrinsicType[];
  readonly returns: IntrinsicType;
}

/** The 18 intrinsic functions (INTR; ASL Appendix B). */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Format': { minArgs: 1, maxArgs: Infinity, args: ['string', 'any'], returns: 'string' },
  'States.StringToJson': { minArgs: 1, maxArgs: 1, args: ['string'], returns: 'any' },
  'States.JsonToString': { minArgs: 1, maxArgs: 1, args: ['any'], returns: 'string' },
  'States.Array': { minArgs: 0, maxArgs: Infinity, args: ['any'], returns: 'array' },
  'States.ArrayPartition': { minArgs: 2, maxArgs: 2, args: ['array', 'integer'], returns: 'array' },
  'States.ArrayContains': { minArgs: 2, maxArgs: 2, args: ['array', 'any'], returns: 'boolean' },
  'States.ArrayRange': { minArgs: 3, maxArgs: 3, args: ['integer', 'integer', 'integer'], returns: 'array' },
  'States.ArrayGetItem': { minArgs: 2, maxArgs: 2, args: ['array', 'integer'], returns: 'any' },
  'States.ArrayLength': { minArgs: 1, maxArgs: 1, args: ['array'], returns: 'integer' },
  'States.ArrayUnique': { minArgs: 1, maxArgs: 1, args: ['array'], returns: 'array' },
  'States.Base64Encode': { minArgs: 1, maxArgs: 1, args: ['string'], returns: 'string' },
  'States.Base64Decode': { minArgs: 1, maxArgs: 1, args: ['string'], returns: 'string' },
  'States.Hash': { minArgs: 2, maxArgs: 2, args: ['any', 'string'], returns: 'string' },
  'States.JsonMerge': { minArgs: 3, maxArgs: 3, args: ['object', 'object', 'boolean'], returns: 'object' },
  'States.MathRandom': { minArgs: 2, maxArgs: 3, args: ['integer', 'integer', 'integer'], returns: 'integer' },
  'States.MathAdd': { minArgs: 2, maxArgs: 2, args: ['integer', 'integer'], returns: 'integer' },
  'States.StringSplit': { minArgs: 2, maxArgs: 2, args: ['string', 'string'], returns: 'array' },
  'States.UUID': { minArgs: 0, maxArgs: 0, args: [], returns: 'string' },
};

/** The algorithms `States.Hash` accepts (INTR). */
export const HASH_ALGORITHM_NAMES: readonly string[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** A call that parses. */
export interface ParsedIntrinsic {
  readonly ok: true;
  readonly call: IntrinsicCall;
}

/** A call that does not parse. */
export interface IntrinsicSyntaxError {
  readonly ok: false;
  readonly message: string;
  /** The 1-based character the problem is at. */
  readonly position: number;
}

/**
 * Parses an intrinsic function call. Surrounding whitespace is ignored. Names are not checked
 * here (see `checkIntrinsic`), so an unknown function parses.
 *
 * @param text e.g. `States.Format('Hello {}', $.name)`
 */
export function parseIntrinsic(text: string): ParsedIntrinsic | IntrinsicSyntaxError {
  const parser = new IntrinsicParser(text);
  try {
    const call = parser.call();
    parser.end();
    return { ok: true, call };
  } catch (e) {
    if (e instanceof SyntaxProblem) {
      return { ok: false, message: e.message, position: e.position };
    }
    throw e;
  }
}

class SyntaxProblem extends Error {
  constructor(message: string, public readonly position: number) {
    super(message);
  }
}

const NAME = /^States\.[A-Za-z0-9]+/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
/** The characters a backslash may escape in a string literal (ASL "Intrinsic Functions"). */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

class IntrinsicParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  call(): IntrinsicCall {
    this.space();
    const start = this.pos;
    const name = NAME.exec(this.text.slice(this.pos));
    if (!name) {
      const word = /^[^\s(),]*/.exec(this.text.slice(this.pos))![0];
      throw this.problem(word ? `${JSON.stringify(word)} is not an intrinsic function call (States.<Name>(...))` : 'expected an intrinsic function such as States.Format(...)');
    }
    this.pos += name[0].length;
    this.space();
    if (this.text[this.pos] !== '(') {
      throw this.problem(`expected '(' after ${name[0]}`);
    }
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.space();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { name: name[0], args, position: start + 1 };
    }
    for (;;) {
      args.push(this.arg());
      this.space();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { name: name[0], args, position: start + 1 };
      }
      throw this.problem(c === undefined ? `the call to ${name[0]} is not closed with ')'` : `expected ',' or ')' in the call to ${name[0]}, found ${JSON.stringify(c)}`);
    }
  }

  end(): void {
    this.space();
    if (this.pos < this.text.length) {
      throw this.problem(`unexpected text after the call: ${JSON.stringify(this.text.slice(this.pos, this.pos + 20))}`);
    }
  }

  private arg(): IntrinsicArg {
    this.space();
    const start = this.pos;
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === undefined) {
      throw this.problem('the argument list is not closed with \')\'');
    }
    if (c === "'") {
      return this.string();
    }
    if (c === '$') {
      return this.path();
    }
    if (rest.startsWith('States.')) {
      return { kind: 'call', call: this.call(), position: start + 1 };
    }
    const number = NUMBER.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]), position: start + 1 };
    }
    for (const [word, value] of [['true', true], ['false', false]] as const) {
      if (rest.startsWith(word) && !/^[A-Za-z0-9_]/.test(rest.slice(word.length))) {
        this.pos += word.length;
        return { kind: 'boolean', value, position: start + 1 };
      }
    }
    if (rest.startsWith('null') && !/^[A-Za-z0-9_]/.test(rest.slice(4))) {
      this.pos += 4;
      return { kind: 'null', position: start + 1 };
    }
    if (c === '"') {
      throw this.problem('string arguments are written in single quotes (\'text\'), not double quotes');
    }
    throw this.problem(`expected an argument (a 'string', a number, true, false, null, a path or an intrinsic function), found ${JSON.stringify(rest.slice(0, 20))}`);
  }

  /** A single-quoted string with `\'`, `\{`, `\}`, `\\` escapes. */
  private string(): IntrinsicArg {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined || !ESCAPABLE.has(next)) {
          throw this.problem(`the escape \\${next ?? ''} is not allowed in an intrinsic string: only \\' \\{ \\} and \\\\ are`, this.pos);
        }
        value += next;
        this.pos += 2;
        continue;
      }
      if (ch === "'") {
        this.pos++;
        return { kind: 'string', value, raw: this.text.slice(start + 1, this.pos - 1), position: start + 1 };
      }
      value += ch;
      this.pos++;
    }
    throw this.problem('the string is not closed with \'', start);
  }

  /** A path runs to the next top-level `,` or `)`; brackets, parentheses and quotes may hold them. */
  private path(): IntrinsicArg {
    const start = this.pos;
    const i = pathEnd(this.text, this.pos);
    const text = this.text.slice(start, i).trim();
    const path = parsePath(text);
    if (!path.ok) {
      throw this.problem(`the path ${text} does not parse: ${path.message}`, start + path.position - 1);
    }
    this.pos = i;
    return { kind: 'path', text, path, position: start + 1 };
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos++;
    }
  }

  private problem(message: string, at: number = this.pos): SyntaxProblem {
    return new SyntaxProblem(message, at + 1);
  }
}

/** A problem with a call that parses: an unknown function, a wrong argument, too deep a nesting. */
export interface IntrinsicProblem {
  readonly message: string;
  /** The 1-based character of the call or argument it is about. */
  readonly position: number;
}

/**
 * Checks a parsed call and the calls nested in it: known names, argument counts, the types of
 * literal arguments and of nested calls' results, `States.Format` placeholders against its
 * arguments, the nesting depth and each function's own limits (INTR).
 */
export function checkIntrinsic(call: IntrinsicCall): IntrinsicProblem[] {
  const problems: IntrinsicProblem[] = [];
  const depth = nesting(call);
  if (depth > QUOTAS.intrinsicNesting.value) {
    problems.push({ message: `the call nests ${depth} intrinsic functions; at most ${QUOTAS.intrinsicNesting.value} may be nested in one field`, position: call.position });
  }
  checkCall(call, problems);
  return problems;
}

function nesting(call: IntrinsicCall): number {
  let deepest = 0;
  for (const arg of call.args) {
    if (arg.kind === 'call') {
      deepest = Math.max(deepest, nesting(arg.call));
    }
  }
  return deepest + 1;
}

function checkCall(call: IntrinsicCall, problems: IntrinsicProblem[]): void {
  for (const arg of call.args) {
    if (arg.kind === 'call') {
      checkCall(arg.call, problems);
    }
  }
  const fn = INTRINSIC_FUNCTIONS[call.name];
  if (!fn) {
    const near = closestName(call.name, Object.keys(INTRINSIC_FUNCTIONS));
    problems.push({ message: `${call.name} is not an intrinsic function${near ? ` (did you mean ${near}?)` : ''}`, position: call.position });
    return;
  }
  const n = call.args.length;
  if (n < fn.minArgs || n > fn.maxArgs) {
    const expected = fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} or ${fn.maxArgs}`;
    problems.push({ message: `${call.name} takes ${expected} argument${expected === '1' ? '' : 's'}, but ${n === 0 ? 'none is' : `${n} ${n === 1 ? 'is' : 'are'}`} given`, position: call.position });
    return;
  }
  call.args.forEach((arg, i) => {
    const expected = fn.args[Math.min(i, fn.args.length - 1)];
    const found = typeOf(arg);
    if (found !== undefined && !compatible(found, expected)) {
      problems.push({ message: `argument ${i + 1} of ${call.name} must be ${article(expected)}, but ${describeArg(arg)} is ${article(found)}`, position: arg.position });
    }
  });
  checkLimits(call, problems);
}

/** Each function's own rules on literal arguments (INTR). */
function checkLimits(call: IntrinsicCall, problems: IntrinsicProblem[]): void {
  const a = call.args;
  const literal = (i: number): unknown => {
    const arg = a[i];
    return arg && (arg.kind === 'string' || arg.kind === 'number' || arg.kind === 'boolean') ? arg.value : undefined;
  };
  const report = (i: number, message: string): void => {
    problems.push({ message, position: a[i]?.position ?? call.position });
  };
  switch (call.name) {
    case 'States.Format': {
      const template = a[0];
      if (template.kind === 'string') {
        const placeholders = countPlaceholders(template.raw);
        const values = a.length - 1;
        if (placeholders !== values) {
          report(0, `the States.Format template '${template.raw}' has ${placeholders} {} placeholder${placeholders === 1 ? '' : 's'} but ${values} value${values === 1 ? ' is' : 's are'} given`);
        }
      }
      break;
    }
    case 'States.JsonMerge':
      if (a[2].kind === 'boolean' && a[2].value !== false) {
        report(2, 'the third argument of States.JsonMerge must be false: Step Functions merges shallowly only');
      }
      break;
    case 'States.MathAdd':
      for (const i of [0, 1]) {
        const v = literal(i);
        if (typeof v === 'number' && Number.isInteger(v) && (v < QUOTAS.mathAddMin.value || v > QUOTAS.mathAddMax.value)) {
          report(i, `States.MathAdd takes integers from ${formatNumber(QUOTAS.mathAddMin.value)} to ${formatNumber(QUOTAS.mathAddMax.value)}, not ${formatNumber(v)}`);
        }
      }
      break;
    case 'States.ArrayRange': {
      const [start, end, step] = [literal(0), literal(1), literal(2)];
      if (step === 0) {
        report(2, 'the step of States.ArrayRange must not be 0');
      } else if (typeof start === 'number' && typeof end === 'number' && typeof step === 'number') {
        const items = Math.floor((end - start) / step) + 1;
        if (items > QUOTAS.arrayRangeItems.value) {
          report(0, `States.ArrayRange(${start}, ${end}, ${step}) would return ${formatNumber(items)} items; it returns at most ${formatNumber(QUOTAS.arrayRangeItems.value)}`);
        }
      }
      break;
    }
    case 'States.ArrayPartition': {
      const size = literal(1);
      if (typeof size === 'number' && size <= 0) {
        report(1, `the chunk size of States.ArrayPartition must be greater than 0, not ${size}`);
      }
      break;
    }
    case 'States.ArrayGetItem': {
      const index = literal(1);
      if (typeof index === 'number' && index < 0) {
        report(1, `the index of States.ArrayGetItem must not be negative, not ${index}`);
      }
      break;
    }
    case 'States.Hash': {
      const algorithm = literal(1);
      if (typeof algorithm === 'string' && !HASH_ALGORITHM_NAMES.includes(algorithm)) {
        report(1, `'${algorithm}' is not a hash algorithm States.Hash supports: ${HASH_ALGORITHM_NAMES.join(', ')}`);
      }
      checkEncodeLength(call, 0, report);
      break;
    }
    case 'States.Base64Encode':
    case 'States.Base64Decode':
      checkEncodeLength(call, 0, report);
      break;
  }
}

function checkEncodeLength(call: IntrinsicCall, i: number, report: (i: number, message: string) => void): void {
  const arg = call.args[i];
  const max = QUOTAS.intrinsicEncodeInput.value;
  if (arg?.kind === 'string' && arg.value.length > max) {
    report(i, `${call.name} takes at most ${formatNumber(max)} characters; the literal has ${formatNumber(arg.value.length)}`);
  }
}

/** `{}` placeholders in a `States.Format` template as written (escaped braces `\{` `\}` are not placeholders). */
export function countPlaceholders(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') {
      i++;
    } else if (raw[i] === '{' && raw[i + 1] === '}') {
      n++;
      i++;
    }
  }
  return n;
}

/** The type of a literal or of a nested call's result; undefined when only the run knows (a path). */
function typeOf(arg: IntrinsicArg): IntrinsicType | 'null' | undefined {
  switch (arg.kind) {
    case 'string': return 'string';
    case 'number': return Number.isInteger(arg.value) ? 'integer' : 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'path': return undefined;
    case 'call': {
      const returns = INTRINSIC_FUNCTIONS[arg.call.name]?.returns;
      return returns === 'any' ? undefined : returns;
    }
  }
}

function compatible(found: IntrinsicType | 'null', expected: IntrinsicType): boolean {
  return expected === 'any' || found === expected || (expected === 'number' && found === 'integer');
}

function article(type: IntrinsicType | 'null'): string {
  switch (type) {
    case 'integer': return 'an integer';
    case 'array': return 'an array';
    case 'object': return 'an object';
    case 'any': return 'any value';
    case 'null': return 'null';
    default: return `a ${type}`;
  }
}

function describeArg(arg: IntrinsicArg): string {
  switch (arg.kind) {
    case 'string': return `'${arg.raw}'`;
    case 'number': return String(arg.value);
    case 'boolean': return String(arg.value);
    case 'null': return 'null';
    case 'path': return arg.text;
    case 'call': return `${arg.call.name}(...)`;
  }
}

/** Every path an intrinsic call reads, nested calls included. */
export function pathsOfIntrinsic(call: IntrinsicCall): Array<{ readonly text: string; readonly path: ParsedPath }> {
  const out: Array<{ text: string; path: ParsedPath }> = [];
  const walk = (c: IntrinsicCall): void => {
    for (const arg of c.args) {
      if (arg.kind === 'path') {
        out.push({ text: arg.text, path: arg.path });
      } else if (arg.kind === 'call') {
        walk(arg.call);
      }
    }
  };
  walk(call);
  return out;
}

/**
 * Where a path argument of an intrinsic function that starts at `from` ends: at the next `,` or
 * `)` outside brackets, parentheses and quoted strings (a filter such as `$.a[?(@.b == ',')]` holds
 * both), or at the end of the text.
 */
export function pathEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  let i = from;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') {
        i++;
      } else if (ch === quote) {
        quote = undefined;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '[' || ch === '(') {
      depth++;
    } else if ((ch === ']' || ch === ')') && depth > 0) {
      depth--;
    } else if (depth === 0 && (ch === ',' || ch === ')')) {
      break;
    }
  }
  return i;
}
