/*
 * Every expression of a state, found and parsed: the paths of JSONPath states (Paths, Reference
 * Paths, `.$` values), their intrinsic function calls, and the JSONata expressions of JSONata
 * states; with what each reads (workflow variables, `$states` fields). The expression and
 * variable rules (../rules/expressions.ts) report from this; it is computed once per state.
 *
 * Sources: ASL "Paths", "Reference Paths", "Payload Template", "Intrinsic Functions", "JSONata
 * Restrictions" (https://states-language.net/spec.html); AWS "Using JSONPath paths"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html),
 * "Transforming data with JSONata" (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html),
 * "Passing data between states with variables" (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
 */
import { checkIntrinsic, parseIntrinsic, pathsOfIntrinsic } from '../../core/asl/intrinsics';
import { analyzeJsonata, jsonataBody } from '../../core/asl/jsonata';
import { StateNode, isObject } from '../../core/asl/model';
import { PathRoot, parsePath } from '../../core/asl/paths';

/** A problem with an expression. */
export interface ExpressionProblem {
  /** SW230 path, SW231 intrinsic, SW232 JSONata syntax, SW233 JSONata reference, SW234 duplicate, SW407 literal. */
  readonly code: 'SW230' | 'SW231' | 'SW232' | 'SW233' | 'SW234' | 'SW407';
  /** Where in the state: `Parameters.Text.$`, `Catch[0].ResultPath`. */
  readonly field: string;
  /** The value found. */
  readonly value: string;
  /** What is wrong. */
  readonly message: string;
}

/** A read of a workflow variable. */
export interface VariableRead {
  readonly name: string;
  readonly field: string;
  /** Where it is evaluated: the state itself, or one of its catchers (which see the same variables). */
}

/** A variable assigned by a state (its own `Assign`, a Choice rule's, or a catcher's). */
export interface VariableAssignment {
  readonly name: string;
  readonly field: string;
  /** `state` for the state's own Assign, which takes effect when it succeeds; else on that transition. */
  readonly via: 'state' | 'choice' | 'catch';
}

/** What a state's expressions say. */
export interface StateExpressions {
  readonly problems: ExpressionProblem[];
  readonly reads: VariableRead[];
  readonly assigns: VariableAssignment[];
}

const cache = new WeakMap<StateNode, StateExpressions>();

/** The expressions of a state (computed once). */
export function expressionsOf(state: StateNode): StateExpressions {
  let found = cache.get(state);
  if (!found) {
    found = state.queryLanguage === 'JSONata' ? new JsonataScan(state).run() : new JsonPathScan(state).run();
    cache.set(state, found);
  }
  return found;
}

/** `a.b`, `a[0]`: a field path for messages. */
function join(base: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${base}[${key}]`;
  }
  return base ? `${base}.${key}` : key;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Path fields of JSONPath states and the kind of path each takes. */
type PathKind = 'path' | 'reference' | 'result' | 'number' | 'error';

const STATE_PATH_FIELDS: ReadonlyArray<readonly [string, PathKind]> = [
  ['InputPath', 'path'], ['OutputPath', 'path'], ['ResultPath', 'result'], ['ItemsPath', 'reference'],
  ['TimeoutSecondsPath', 'reference'], ['HeartbeatSecondsPath', 'reference'], ['SecondsPath', 'reference'], ['TimestampPath', 'reference'],
  ['MaxConcurrencyPath', 'number'], ['ToleratedFailureCountPath', 'number'], ['ToleratedFailurePercentagePath', 'number'],
  ['ErrorPath', 'error'], ['CausePath', 'error'],
];

/** The comparison operators whose operand is a path (`StringEqualsPath`, ...). */
const CHOICE_PATH_OPERATOR = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)Path$/;

/** The payload templates of a JSONPath state, by where they are. */
const JSONPATH_TEMPLATES = ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials'];

/** A string a JSONPath author meant as a path or intrinsic call but wrote under a plain key (AWS `NO_DOLLAR`). */
const LOOKS_LIKE_EXPRESSION = /^(\$\$?\.[A-Za-z_]|States\.[A-Za-z]+\()/;

class JsonPathScan {
  private readonly out: StateExpressions = { problems: [], reads: [], assigns: [] };

  constructor(private readonly state: StateNode) {}

  run(): StateExpressions {
    const json = this.state.json;
    for (const [field, kind] of STATE_PATH_FIELDS) {
      if (json[field] !== undefined) {
        this.pathField(field, json[field], kind);
      }
    }
    for (const field of JSONPATH_TEMPLATES) {
      if (isObject(json[field]) || Array.isArray(json[field])) {
        this.template(field, json[field]);
      }
    }
    for (const field of ['ItemReader', 'ResultWriter']) {
      const o = json[field];
      if (isObject(o) && (isObject(o.Parameters) || Array.isArray(o.Parameters))) {
        this.template(`${field}.Parameters`, o.Parameters);
      }
    }
    if (isObject(json.ItemReader) && isObject(json.ItemReader.ReaderConfig) && json.ItemReader.ReaderConfig.MaxItemsPath !== undefined) {
      this.pathField('ItemReader.ReaderConfig.MaxItemsPath', json.ItemReader.ReaderConfig.MaxItemsPath, 'number');
    }
    if (isObject(json.ItemBatcher)) {
      for (const f of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']) {
        if (json.ItemBatcher[f] !== undefined) {
          this.pathField(`ItemBatcher.${f}`, json.ItemBatcher[f], 'number');
        }
      }
      if (isObject(json.ItemBatcher.BatchInput)) {
        this.template('ItemBatcher.BatchInput', json.ItemBatcher.BatchInput);
      }
    }
    this.assign('Assign', json.Assign, 'state');
    if (Array.isArray(json.Catch)) {
      json.Catch.forEach((c: unknown, i: number) => {
        if (isObject(c)) {
          if (c.ResultPath !== undefined) {
            this.pathField(`Catch[${i}].ResultPath`, c.ResultPath, 'result');
          }
          this.assign(`Catch[${i}].Assign`, c.Assign, 'catch');
        }
      });
    }
    if (this.state.type === 'Choice' && Array.isArray(json.Choices)) {
      json.Choices.forEach((rule: unknown, i: number) => {
        if (isObject(rule)) {
          this.choiceRule(`Choices[${i}]`, rule);
          this.assign(`Choices[${i}].Assign`, rule.Assign, 'choice');
        }
      });
    }
    return this.out;
  }

  private problem(code: ExpressionProblem['code'], field: string, value: unknown, message: string): void {
    this.out.problems.push({ code, field, value: typeof value === 'string' ? short(value) : JSON.stringify(value) ?? String(value), message });
  }

  private choiceRule(where: string, rule: Record<string, any>): void {
    if (rule.Variable !== undefined) {
      this.pathField(`${where}.Variable`, rule.Variable, 'path');
    }
    for (const [key, value] of Object.entries(rule)) {
      if (CHOICE_PATH_OPERATOR.test(key)) {
        this.pathField(`${where}.${key}`, value, 'path');
      }
    }
    for (const combinator of ['And', 'Or']) {
      if (Array.isArray(rule[combinator])) {
        rule[combinator].forEach((r: unknown, i: number) => isObject(r) && this.choiceRule(`${where}.${combinator}[${i}]`, r));
      }
    }
    if (isObject(rule.Not)) {
      this.choiceRule(`${where}.Not`, rule.Not);
    }
  }

  /** A field that holds a path. */
  private pathField(field: string, value: unknown, kind: PathKind): void {
    if (value === null && (kind === 'path' || kind === 'result')) {
      return;
    }
    if (typeof value !== 'string') {
      return; // the schema reports the type (SW226)
    }
    if (kind === 'error' && value.trim().startsWith('States.')) {
      this.intrinsic(field, value);
      return;
    }
    const parsed = parsePath(value);
    if (!parsed.ok) {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(short(value))}, which is not a valid path: ${parsed.message} (character ${parsed.position})`);
      return;
    }
    if (parsed.root === PathRoot.VARIABLE && kind !== 'result') {
      this.out.reads.push({ name: parsed.variable!, field });
    }
    if (kind === 'path') {
      return;
    }
    if (parsed.notReference) {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(short(value))}, which uses ${parsed.notReference}; ${field.split('.').pop()} takes a Reference Path, which names a single node (only .name and [index] steps)`);
      return;
    }
    if (kind === 'result' && parsed.root !== PathRoot.INPUT) {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(short(value))}; a ResultPath places the result in the state's input, so it starts with $ (not $$ or a variable)`);
    } else if (kind === 'number' && parsed.root === PathRoot.CONTEXT) {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(short(value))}; this field reads the state's input, not the Context object`);
    }
  }

  private intrinsic(field: string, value: string): void {
    const parsed = parseIntrinsic(value);
    if (!parsed.ok) {
      this.problem('SW231', field, value, `${field} holds the intrinsic function call ${JSON.stringify(short(value))}, which does not parse: ${parsed.message} (character ${parsed.position})`);
      return;
    }
    for (const p of checkIntrinsic(parsed.call)) {
      this.problem('SW231', field, value, `${field} holds ${JSON.stringify(short(value))}: ${p.message} (character ${p.position})`);
    }
    for (const p of pathsOfIntrinsic(parsed.call)) {
      if (p.path.root === PathRoot.VARIABLE) {
        this.out.reads.push({ name: p.path.variable!, field });
      }
    }
  }

  /** A `.$` value: a Path or an intrinsic call. */
  private dynamic(field: string, value: unknown): void {
    if (typeof value !== 'string') {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(value)}; a field whose name ends in .$ takes a path or an intrinsic function call, as a string`);
      return;
    }
    if (value.trim().startsWith('States.')) {
      this.intrinsic(field, value);
      return;
    }
    const parsed = parsePath(value);
    if (!parsed.ok) {
      this.problem('SW230', field, value, `${field} is ${JSON.stringify(short(value))}, which is neither a path nor an intrinsic function call: ${parsed.message} (character ${parsed.position})`);
      return;
    }
    if (parsed.root === PathRoot.VARIABLE) {
      this.out.reads.push({ name: parsed.variable!, field });
    }
  }

  /** A payload template: `.$` keys are evaluated, others are literal (recursively). */
  private template(field: string, value: unknown): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.template(join(field, i), v));
      return;
    }
    if (!isObject(value)) {
      if (typeof value === 'string' && LOOKS_LIKE_EXPRESSION.test(value)) {
        this.problem('SW407', field, value, `${field} is ${JSON.stringify(short(value))}, which Step Functions passes on as text: its key does not end in .$`);
      }
      return;
    }
    const keys = new Set(Object.keys(value));
    for (const [key, v] of Object.entries(value)) {
      const where = join(field, key);
      if (key.endsWith('.$')) {
        const plain = key.slice(0, -2);
        if (keys.has(plain)) {
          this.problem('SW234', where, key, `${field} has both ${JSON.stringify(plain)} and ${JSON.stringify(key)}, which are the same field once .$ is removed`);
        }
        this.dynamic(where, v);
      } else {
        this.template(where, v);
      }
    }
  }

  private assign(field: string, value: unknown, via: VariableAssignment['via']): void {
    if (!isObject(value)) {
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const name = key.endsWith('.$') ? key.slice(0, -2) : key;
      this.out.assigns.push({ name, field: join(field, key), via });
      if (key.endsWith('.$')) {
        this.dynamic(join(field, key), v);
      } else {
        this.template(join(field, key), v);
      }
    }
  }
}

/** Where `$states.result` and `$states.errorOutput` may be read (AWS "Transforming data with JSONata": the $states table). */
type JsonataPlace = 'result' | 'error' | 'plain';

class JsonataScan {
  private readonly out: StateExpressions = { problems: [], reads: [], assigns: [] };

  constructor(private readonly state: StateNode) {}

  run(): StateExpressions {
    const json = this.state.json;
    const resultPlace: JsonataPlace = ['Task', 'Map', 'Parallel'].includes(this.state.type ?? '') ? 'result' : 'plain';
    for (const [key, value] of Object.entries(json)) {
      if (key === 'Type' || key === 'Comment' || key === 'Next' || key === 'End' || key === 'QueryLanguage' || key === 'Resource'
        || key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator' || key === 'Default') {
        continue;
      }
      if (key === 'Catch' && Array.isArray(value)) {
        value.forEach((c: unknown, i: number) => {
          if (isObject(c)) {
            this.walk(`Catch[${i}].Output`, c.Output, 'error');
            this.assign(`Catch[${i}].Assign`, c.Assign, 'catch', 'error');
          }
        });
        continue;
      }
      if (key === 'Retry') {
        continue;
      }
      if (key === 'Choices' && Array.isArray(value)) {
        value.forEach((rule: unknown, i: number) => {
          if (isObject(rule)) {
            this.walk(`Choices[${i}].Condition`, rule.Condition, 'plain');
            this.walk(`Choices[${i}].Output`, rule.Output, 'plain');
            this.assign(`Choices[${i}].Assign`, rule.Assign, 'choice', 'plain');
          }
        });
        continue;
      }
      if (key === 'Assign') {
        this.assign('Assign', value, 'state', resultPlace);
        continue;
      }
      this.walk(key, value, key === 'Output' ? resultPlace : 'plain');
    }
    return this.out;
  }

  private assign(field: string, value: unknown, via: VariableAssignment['via'], place: JsonataPlace): void {
    if (isObject(value)) {
      for (const name of Object.keys(value)) {
        this.out.assigns.push({ name, field: join(field, name), via });
      }
    }
    this.walk(field, value, place);
  }

  private walk(field: string, value: unknown, place: JsonataPlace): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.walk(join(field, i), v, place));
      return;
    }
    if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        this.walk(join(field, key), v, place);
      }
      return;
    }
    if (typeof value !== 'string') {
      return;
    }
    const body = jsonataBody(value.trim());
    if (body === undefined) {
      return;
    }
    const analysis = analyzeJsonata(body);
    const problem = (code: ExpressionProblem['code'], message: string): void => {
      this.out.problems.push({ code, field, value: short(value), message });
    };
    if (analysis.error) {
      const e = analysis.error;
      problem('SW232', `${field} holds the JSONata expression ${JSON.stringify(short(value))}, which does not parse: ${e.message} (${e.code}, at character ${e.position}${e.token ? `, near ${JSON.stringify(e.token)}` : ''})`);
      return;
    }
    // Each message quotes the expression it is about (the finding's actual value).
    const holds = `${field} holds ${JSON.stringify(short(value))}, which`;
    if (analysis.readsDollarDollar) {
      problem('SW233', `${holds} reads $$; JSONata states do not have it: read the Context object as $states.context`);
    }
    for (const ref of analysis.topLevelReferences) {
      problem('SW233', ref === '$'
        ? `${holds} reads $ at the top level of the expression; JSONata states have no implicit input: read it as $states.input`
        : `${holds} reads the field ${JSON.stringify(ref)} at the top level of the expression; JSONata states have no implicit input: write $states.input.${ref}`);
    }
    for (const fn of analysis.unavailableFunctions) {
      problem('SW233', `${holds} calls $${fn}; Step Functions does not provide it${fn === 'eval' ? '; use $parse' : ''}`);
    }
    if (analysis.statesFields.includes('result') && place !== 'result') {
      problem('SW233', `${holds} reads $states.result; it exists only in the Output and Assign of a Task, Map or Parallel state`);
    }
    if (analysis.statesFields.includes('errorOutput') && place !== 'error') {
      problem('SW233', `${holds} reads $states.errorOutput; it exists only in a catcher's Output and Assign`);
    }
    for (const name of analysis.variables) {
      this.out.reads.push({ name, field });
    }
  }
}
