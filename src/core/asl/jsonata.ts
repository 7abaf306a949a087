/*
 * JSONata expressions in JSONata states (`"{% $states.input.total * 2 %}"`), parsed with the
 * `jsonata` library (the reference implementation, which Step Functions follows: "Step Functions
 * implements JSONata based on the 2.0.6 specification", AWS "Transforming data with JSONata",
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html), and what each
 * expression reads: workflow variables, the fields of `$states`, `$$`, and input fields at the top
 * level, which Step Functions does not allow (ASL "JSONata Restrictions",
 * https://states-language.net/spec.html#jsonata-restrictions: "a JSONata expression MUST NOT
 * reference "$" or unqualified field names at the top level ... MUST NOT reference "$$"").
 *
 * The library is loaded when the first expression is parsed, never on import: a CDK app that
 * builds JSONPath workflows does not pay for it.
 */
import type jsonataLibrary from 'jsonata';

type JsonataFunction = typeof jsonataLibrary;

/** A field value that is a JSONata expression: `{%` ... `%}`, nothing outside the delimiters. */
const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** The expression inside `{% %}`, or undefined when the value is not an expression string. */
export function jsonataBody(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const m = EXPRESSION.exec(value);
  return m ? m[1] : undefined;
}

/** A syntax error in an expression. */
export interface JsonataSyntaxError {
  /** The library's error code, e.g. `S0207`. */
  readonly code: string;
  /** Its message, e.g. `Unexpected end of expression`. */
  readonly message: string;
  /** The 1-based character in the expression (inside the delimiters) the library points at. */
  readonly position: number;
  /** The token it stopped at, when it says. */
  readonly token?: string;
}

/** What an expression reads. */
export interface JsonataAnalysis {
  /** The syntax error, when the expression does not parse; nothing else is set then. */
  readonly error?: JsonataSyntaxError;
  /** Workflow variables it reads (`$order`), functions and its own bindings left out. */
  readonly variables: readonly string[];
  /** Fields of `$states` it reads: `input`, `result`, `errorOutput`, `context`, ... */
  readonly statesFields: readonly string[];
  /** Whether it reads `$$`. */
  readonly readsDollarDollar: boolean;
  /**
   * What it reads from the (absent) input at the top level: `$`, or the first name of a path
   * that does not start from a variable (`offset` in `{% offset %}`).
   */
  readonly topLevelReferences: readonly string[];
  /** JSONata functions it calls that Step Functions does not provide (`$eval`). */
  readonly unavailableFunctions: readonly string[];
}

/**
 * JSONata's built-in functions (https://docs.jsonata.org/2.0.0/overview, the function library
 * pages) and those Step Functions adds (`$partition`, `$range`, `$hash`, `$random`, `$uuid`,
 * `$parse`; AWS "Transforming data with JSONata", "JSONata functions provided by Step Functions").
 * A `$name` that is one of these is a function, not a workflow variable.
 */
export const JSONATA_FUNCTIONS: ReadonlySet<string> = new Set([
  // String
  'string', 'length', 'substring', 'substringBefore', 'substringAfter', 'uppercase', 'lowercase', 'trim', 'pad',
  'contains', 'split', 'join', 'match', 'replace', 'eval', 'base64encode', 'base64decode', 'encodeUrlComponent',
  'encodeUrl', 'decodeUrlComponent', 'decodeUrl',
  // Numeric
  'number', 'abs', 'floor', 'ceil', 'round', 'power', 'sqrt', 'random', 'formatNumber', 'formatBase', 'formatInteger',
  'parseInteger',
  // Aggregation
  'sum', 'max', 'min', 'average',
  // Boolean
  'boolean', 'not', 'exists',
  // Array
  'count', 'append', 'sort', 'reverse', 'shuffle', 'distinct', 'zip',
  // Object
  'keys', 'lookup', 'spread', 'merge', 'sift', 'each', 'error', 'assert', 'type',
  // Date/Time
  'now', 'millis', 'fromMillis', 'toMillis',
  // Higher order
  'map', 'filter', 'single', 'reduce',
  // Step Functions
  'partition', 'range', 'hash', 'uuid', 'parse',
]);

/** Functions JSONata has that Step Functions removed ("all ... are supported ... with one exception: $eval is not available. Use $parse instead"). */
const UNAVAILABLE_FUNCTIONS: ReadonlySet<string> = new Set(['eval']);

let library: JsonataFunction | undefined;

/** The `jsonata` function, loaded on first use. */
function jsonata(): JsonataFunction {
  if (!library) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library = require('jsonata') as JsonataFunction;
  }
  return library;
}

/**
 * Analyses of expressions by text. Creating a `jsonata` expression costs some 50 µs whatever its
 * length (the library sets up an evaluation environment for each), and definitions repeat the
 * same expressions (`$states.input`, `$states.result.Payload`); the cache is bounded.
 */
const cache = new Map<string, JsonataAnalysis>();
const CACHE_LIMIT = 5_000;

/**
 * Parses an expression (the text inside `{% %}`) and says what it reads. Never throws: a syntax
 * error is returned as `error`.
 */
export function analyzeJsonata(body: string): JsonataAnalysis {
  const cached = cache.get(body);
  if (cached) {
    return cached;
  }
  const result = analyze(body);
  if (cache.size >= CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(body, result);
  return result;
}

const NONE: readonly string[] = [];

function analyze(body: string): JsonataAnalysis {
  let ast: unknown;
  try {
    ast = jsonata()(body).ast();
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown; position?: unknown; token?: unknown };
    const error: JsonataSyntaxError = {
      code: typeof err.code === 'string' ? err.code : 'S0000',
      message: typeof err.message === 'string' ? err.message : String(e),
      position: typeof err.position === 'number' ? err.position : 0,
      ...(typeof err.token === 'string' ? { token: err.token } : {}),
    };
    return { error, variables: NONE, statesFields: NONE, readsDollarDollar: false, topLevelReferences: NONE, unavailableFunctions: NONE };
  }
  const walker = new Walker();
  walker.walk(ast, true);
  const bound = walker.bound;
  return {
    variables: [...walker.variables].filter((v) => !bound.has(v)),
    statesFields: [...walker.statesFields],
    readsDollarDollar: walker.dollarDollar,
    topLevelReferences: [...walker.topLevel],
    unavailableFunctions: [...walker.unavailable],
  };
}

type Node = Record<string, any>;

/** Collects what an AST reads. `root` says whether the node is evaluated against the (absent) input. */
class Walker {
  readonly variables = new Set<string>();
  readonly bound = new Set<string>();
  readonly statesFields = new Set<string>();
  readonly topLevel = new Set<string>();
  readonly unavailable = new Set<string>();
  dollarDollar = false;

  walk(node: unknown, root: boolean): void {
    if (Array.isArray(node)) {
      for (const n of node) {
        this.walk(n, root);
      }
      return;
    }
    if (!node || typeof node !== 'object') {
      return;
    }
    const n = node as Node;
    switch (n.type) {
      case 'path':
        this.path(n, root);
        return;
      case 'variable':
        this.variable(n, root);
        return;
      case 'function':
      case 'partial': {
        const proc = n.procedure as Node | undefined;
        if (proc?.type === 'variable' && typeof proc.value === 'string') {
          if (UNAVAILABLE_FUNCTIONS.has(proc.value)) {
            this.unavailable.add(proc.value);
          }
          if (!JSONATA_FUNCTIONS.has(proc.value)) {
            // A call of something else: a lambda bound in the expression, or a variable.
            this.variables.add(proc.value);
          }
        } else {
          this.walk(proc, root);
        }
        this.walk(n.arguments, root);
        return;
      }
      case 'lambda':
        for (const arg of (n.arguments ?? []) as Node[]) {
          if (arg.type === 'variable' && typeof arg.value === 'string') {
            this.bound.add(arg.value);
          }
        }
        // A function body runs where it is called, with whatever input it is given: not the top level.
        this.walk(n.body, false);
        return;
      case 'bind': {
        const lhs = n.lhs as Node | undefined;
        if (lhs?.type === 'variable' && typeof lhs.value === 'string') {
          this.bound.add(lhs.value);
        }
        this.walk(n.rhs, root);
        return;
      }
      case 'name':
        if (root) {
          this.topLevel.add(String(n.value));
        }
        this.walk(n.stages, false);
        return;
      default:
        for (const [key, value] of Object.entries(n)) {
          if (key !== 'position' && key !== 'value' && key !== 'type') {
            this.walk(value, root);
          }
        }
    }
  }

  private variable(n: Node, root: boolean): void {
    const name = n.value;
    if (name === '') {
      if (root) {
        this.topLevel.add('$');
      }
    } else if (name === '$') {
      this.dollarDollar = true;
    } else if (typeof name === 'string' && name !== 'states' && !JSONATA_FUNCTIONS.has(name)) {
      this.variables.add(name);
    }
    this.walk(n.stages, false);
    this.walk(n.predicate, false);
  }

  private path(n: Node, root: boolean): void {
    const steps = (n.steps ?? []) as Node[];
    const first = steps[0];
    if (first) {
      if (first.type === 'variable' && first.value === 'states') {
        const second = steps[1];
        if (second?.type === 'name' && typeof second.value === 'string') {
          this.statesFields.add(second.value);
        }
      }
      if (first.type === 'name') {
        if (root) {
          this.topLevel.add(String(first.value));
        }
        this.walk(first.stages, false);
        this.walk(first.predicate, false);
      } else {
        this.walk(first, root);
      }
    }
    // Later steps, and their filters and sort terms, run in the context of the step before them.
    for (let i = 1; i < steps.length; i++) {
      this.walk(steps[i], false);
    }
    this.walk(n.group, false);
    this.walk(n.stages, false);
    this.walk(n.predicate, false);
  }
}
