/*
 * The syntax of the paths JSONPath states use: Paths (`InputPath`, `OutputPath`, a Choice rule's
 * `Variable`, the value of a `.$` field), Reference Paths (`ResultPath`, `ItemsPath`, the `*Path`
 * fields) and the variables they read. Parsing only: nothing here evaluates a path.
 *
 * Sources: ASL "Paths" and "Reference Paths" (https://states-language.net/spec.html#path); AWS
 * "Using JSONPath paths" (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html):
 * paths follow the Jayway JsonPath syntax (https://github.com/json-path/JsonPath); a Reference Path
 * identifies a single node, so "the operators @ , : ? and * are not supported" and neither are
 * functions such as `length()` or the deep scan `..`. A path that starts with `$$` reads the
 * Context object; `$name` reads the workflow variable `name` (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
 *
 * The grammar is kept permissive where Step Functions is: names in dot notation may hold any
 * character but `.`, `[` and whitespace (the spec's own examples include `$.&Ж中` and escapes such as
 * `$.store\.book`), and a filter `[?(...)]` is checked for balanced brackets and closed quotes, not
 * for Jayway's full expression grammar.
 */

/** What a path starts from. */
export enum PathRoot {
  /** `$`: the state's input (or, in a few fields, its result). */
  INPUT = 'INPUT',
  /** `$$`: the Context object. */
  CONTEXT = 'CONTEXT',
  /** `$name`: a workflow variable. */
  VARIABLE = 'VARIABLE',
}

/** A path that parses. */
export interface ParsedPath {
  readonly ok: true;
  readonly root: PathRoot;
  /** The variable read, when `root` is `VARIABLE`. */
  readonly variable?: string;
  /**
   * Why the path is not a Reference Path (it uses a wildcard, a filter, a slice, a union, the deep
   * scan `..`, a script or a function), or `undefined` when it is one.
   */
  readonly notReference?: string;
}

/** A path that does not parse. */
export interface PathError {
  readonly ok: false;
  /** What is wrong, e.g. `expected ']' to close the '[' at character 7`. */
  readonly message: string;
  /** The 1-based character the problem is at. */
  readonly position: number;
}

/** The result of parsing a path. */
export type PathResult = ParsedPath | PathError;

/** `$` then a Unicode identifier: a variable reference (`$order`, `$résumé`). */
const VARIABLE = /^\$([\p{ID_Start}_][\p{ID_Continue}]*)/u;

/** Jayway JsonPath functions, which Step Functions' Paths accept at the end of a path. */
const FUNCTION_CALL = /^([A-Za-z]+)\(/;

/**
 * Parses a Path. Surrounding whitespace is ignored, as Step Functions ignores it.
 *
 * @param text the path, e.g. `$.orders[0].id`, `$$.Execution.Id`, `$order.total`
 */
export function parsePath(text: string): PathResult {
  let result = PATH_CACHE.get(text);
  if (!result) {
    result = new PathParser(text).parse();
    if (PATH_CACHE.size >= PATH_CACHE_LIMIT) {
      PATH_CACHE.clear();
    }
    PATH_CACHE.set(text, result);
  }
  return result;
}

/** Parsed paths by text: definitions repeat the same paths (`$`, `$.Payload`); the cache is bounded. */
const PATH_CACHE = new Map<string, PathResult>();
const PATH_CACHE_LIMIT = 10_000;

/** Whether a value parses as a Path. */
export function isPath(text: string): boolean {
  return parsePath(text).ok;
}

class PathParser {
  private pos = 0;
  private notReference: string | undefined;
  private readonly end: number;

  constructor(private readonly text: string) {
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1])) {
      end--;
    }
    this.end = end;
    while (this.pos < end && /\s/.test(text[this.pos])) {
      this.pos++;
    }
  }

  parse(): PathResult {
    const text = this.text;
    if (this.pos >= this.end) {
      return this.fail('the path is empty; a path starts with $');
    }
    if (text[this.pos] !== '$') {
      return this.fail(`a path starts with $, not ${JSON.stringify(text[this.pos])}`);
    }
    let root = PathRoot.INPUT;
    let variable: string | undefined;
    if (text[this.pos + 1] === '$') {
      root = PathRoot.CONTEXT;
      this.pos += 2;
    } else {
      const v = VARIABLE.exec(text.slice(this.pos, this.end));
      if (v) {
        root = PathRoot.VARIABLE;
        variable = v[1];
        this.pos += v[0].length;
      } else {
        this.pos += 1;
      }
    }
    while (this.pos < this.end) {
      const problem = this.segment();
      if (problem) {
        return problem;
      }
    }
    return { ok: true, root, ...(variable !== undefined ? { variable } : {}), ...(this.notReference ? { notReference: this.notReference } : {}) };
  }

  /** One `.name`, `..name`, `.*`, `[...]` or `.fn()`; returns an error, or undefined. */
  private segment(): PathError | undefined {
    const text = this.text;
    const c = text[this.pos];
    if (c === '[') {
      return this.bracket();
    }
    if (c !== '.') {
      return this.fail(`expected '.' or '[' after the path so far, found ${JSON.stringify(c)}`);
    }
    this.pos++;
    if (text[this.pos] === '.') {
      this.pos++;
      this.markNotReference('the deep scan ..');
    }
    if (this.pos >= this.end) {
      return this.fail('the path ends with a dot; a name, * or [ must follow it');
    }
    const next = text[this.pos];
    if (next === '[') {
      return this.bracket();
    }
    if (next === '*') {
      this.pos++;
      this.markNotReference('the wildcard *');
      return undefined;
    }
    const fn = FUNCTION_CALL.exec(text.slice(this.pos, this.end));
    if (fn) {
      const close = this.closing(this.pos + fn[0].length - 1, ')');
      if (close < 0) {
        return this.fail(`the function ${fn[1]}( is not closed with ')'`);
      }
      this.pos = close + 1;
      this.markNotReference(`the function ${fn[1]}()`);
      return undefined;
    }
    const start = this.pos;
    while (this.pos < this.end) {
      const ch = text[this.pos];
      if (ch === '\\' && this.pos + 1 < this.end) {
        this.pos += 2;
        continue;
      }
      if (ch === '.' || ch === '[' || /\s/.test(ch)) {
        break;
      }
      this.pos++;
    }
    if (this.pos === start) {
      return this.fail(`expected a name after '.', found ${JSON.stringify(text[this.pos])}`);
    }
    if (this.pos < this.end && /\s/.test(text[this.pos])) {
      return this.fail(`a name in dot notation cannot contain whitespace; write ['${text.slice(start, this.end).split(/[.[]/)[0]}'] with brackets`);
    }
    return undefined;
  }

  /** A `[...]` segment: index, indexes, slice, wildcard, quoted names, filter or script. */
  private bracket(): PathError | undefined {
    const text = this.text;
    const open = this.pos;
    const close = this.closing(open, ']');
    if (close < 0) {
      return this.fail(`expected ']' to close the '[' at character ${open + 1}`, open);
    }
    const inner = text.slice(open + 1, close).trim();
    this.pos = close + 1;
    if (inner === '') {
      return this.fail('empty brackets []; write an index, a quoted name, * or a filter inside them', open);
    }
    if (inner === '*') {
      this.markNotReference('the wildcard [*]');
      return undefined;
    }
    if (inner.startsWith('?')) {
      if (!/^\?\s*\(.*\)$/s.test(inner)) {
        return this.fail(`a filter is written [?(<expression>)], not [${inner}]`, open);
      }
      this.markNotReference('a filter [?(...)]');
      return undefined;
    }
    if (inner.startsWith('(')) {
      if (!inner.endsWith(')')) {
        return this.fail(`a script is written [(<expression>)], not [${inner}]`, open);
      }
      this.markNotReference('a script [(...)]');
      return undefined;
    }
    if (inner.startsWith("'") || inner.startsWith('"')) {
      return this.quotedNames(inner, open);
    }
    if (/^-?\d+$/.test(inner)) {
      return undefined;
    }
    if (/^-?\d+(\s*,\s*-?\d+)+$/.test(inner)) {
      this.markNotReference('a union of indexes [a,b]');
      return undefined;
    }
    if (/^(-?\d+)?\s*:\s*(-?\d+)?(\s*:\s*-?\d+)?$/.test(inner)) {
      this.markNotReference('a slice [a:b]');
      return undefined;
    }
    return this.fail(`[${inner}] is not an index, a quoted name, *, a slice or a filter`, open);
  }

  /** `'a'`, `"a"`, `'a','b'` inside brackets. */
  private quotedNames(inner: string, open: number): PathError | undefined {
    const names = /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?:\s*,\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"))*$/s;
    if (!names.test(inner)) {
      return this.fail(`[${inner}] is not a quoted name such as ['my key']`, open);
    }
    if (/['"]\s*,/.test(inner)) {
      this.markNotReference("a union of names ['a','b']");
    }
    return undefined;
  }

  /**
   * The index of the bracket that closes the one at `from`, skipping nested brackets and
   * parentheses and quoted strings; -1 when it is not closed.
   */
  private closing(from: number, closeCh: string): number {
    const text = this.text;
    let depth = 0;
    let quote: string | undefined;
    for (let i = from; i < this.end; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === '\\') {
          i++;
        } else if (ch === quote) {
          quote = undefined;
        }
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
      } else if (ch === '[' || ch === '(') {
        depth++;
      } else if (ch === ']' || ch === ')') {
        depth--;
        if (depth === 0) {
          return ch === closeCh ? i : -1;
        }
      }
    }
    return -1;
  }

  private markNotReference(what: string): void {
    this.notReference = this.notReference ?? what;
  }

  private fail(message: string, at: number = this.pos): PathError {
    return { ok: false, message, position: at + 1 };
  }
}
