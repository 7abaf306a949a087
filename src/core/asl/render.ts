import { Stack, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';

/**
 * What kind of CloudFormation value a placeholder stands for.
 *
 * Validation uses it to estimate the deployed length of a definition conservatively.
 */
export enum TokenKind {
  /** `{ "Ref": "AWS::Partition" }` and the other pseudo parameters. */
  PSEUDO = 'pseudo',
  /** `{ "Ref": "LogicalId" }` of a resource or parameter in the template. */
  REF = 'ref',
  /** `{ "Fn::GetAtt": ["LogicalId", "Attr"] }`. */
  GET_ATT = 'getatt',
  /** `{ "Fn::ImportValue": ... }`: a value exported by another stack. */
  IMPORT = 'import',
  /** Any other intrinsic function (Fn::Select, Fn::Split, ...). */
  OTHER = 'other',
}

/** One unresolved CloudFormation value found in a definition. */
export interface RenderedToken {
  /** The text that stands for the value in the rendered definition, e.g. `${Ref:OrdersQueue}`. */
  readonly placeholder: string;
  readonly kind: TokenKind;
  /** The referenced logical ID or pseudo parameter (`AWS::Region`), where there is one. */
  readonly target?: string;
  /** The attribute of a `Fn::GetAtt`. */
  readonly attribute?: string;
  /** The intrinsic as it appears in the template. */
  readonly intrinsic: unknown;
}

/** A state machine definition with CloudFormation values replaced by readable placeholders. */
export interface RenderedDefinition {
  /** The definition as text, placeholders included. Its length is the definition size without tokens. */
  readonly text: string;
  /** The parsed definition, when `text` is valid JSON. */
  readonly definition?: any;
  /** Why `definition` is missing: invalid JSON, an S3 location, nothing to render. */
  readonly error?: string;
  /** Every placeholder occurrence, in document order (a value used twice appears twice). */
  readonly tokens: RenderedToken[];
}

/** Matches the 8-character hash CDK appends to logical IDs. */
const LOGICAL_ID_HASH = /^(.+?)([0-9A-F]{8})$/;

/**
 * Renders the definition of a state machine as the text CloudFormation would deploy, with every
 * unresolved value (ARNs, queue URLs, partitions) replaced by a stable, readable placeholder:
 * `${Ref:OrdersQueue}`, `${GetAtt:ValidateFn.Arn}`, `${AWS::Partition}`.
 *
 * Accepts an `sfn.StateMachine`, an `sfn.CfnStateMachine`, or a construct whose default child is one.
 * `DefinitionSubstitutions` are applied. Never throws for a definition it cannot read: the
 * result carries an `error` instead.
 */
export function renderDefinition(construct: IConstruct): RenderedDefinition {
  const cfn = findCfnStateMachine(construct);
  if (!cfn) {
    return { text: '', tokens: [], error: `${construct.node.path} is not a state machine (no AWS::StepFunctions::StateMachine under it)` };
  }
  const stack = Stack.of(cfn);
  const tokens: RenderedToken[] = [];

  if (cfn.definitionS3Location) {
    return { text: '', tokens, error: 'the definition is read from S3 (DefinitionS3Location) and cannot be checked at synth time' };
  }

  let text: string;
  let substitutions: unknown;
  try {
    const definition = cfn.definitionString !== undefined ? stack.resolve(cfn.definitionString)
      : cfn.definition !== undefined ? stack.resolve(cfn.definition) : undefined;
    if (definition === undefined) {
      return { text: '', tokens, error: 'the state machine has no definition' };
    }
    substitutions = cfn.definitionSubstitutions === undefined ? undefined : stack.resolve(cfn.definitionSubstitutions);
    const names = readableNames([definition, substitutions]);
    text = cfn.definitionString !== undefined
      ? renderValue(definition, names, tokens, { insideString: false, topLevel: true })
      : JSON.stringify(replaceTokensInObject(definition, names, tokens));
  } catch (e) {
    // aws-cdk-lib renders states lazily, and some of its checks (a JSONPath state in a JSONata
    // state machine, for one) only throw here.
    return { text: '', tokens, error: `aws-cdk-lib could not render the definition: ${(e as Error).message}` };
  }
  if (substitutions && typeof substitutions === 'object') {
    text = applySubstitutions(text, substitutions as Record<string, unknown>, readableNames([substitutions]), tokens);
  }

  try {
    return { text, definition: JSON.parse(text), tokens };
  } catch (e) {
    return { text, tokens, error: `the definition is not valid JSON: ${(e as Error).message}` };
  }
}

/** Finds the `CfnStateMachine` of a state machine construct, or the construct itself. */
export function findCfnStateMachine(construct: IConstruct): sfn.CfnStateMachine | undefined {
  if (construct instanceof sfn.CfnStateMachine) {
    return construct;
  }
  const child = construct.node.defaultChild;
  if (child instanceof sfn.CfnStateMachine) {
    return child;
  }
  if (child && child !== construct) {
    return findCfnStateMachine(child);
  }
  return construct.node.children.find((c): c is sfn.CfnStateMachine => c instanceof sfn.CfnStateMachine);
}

/**
 * Logical ID -> readable name for the resources the definition refers to: the logical ID without
 * CDK's hash suffix, unless two of them would then share a name. (Only the references in the
 * definition matter, so there is no need to walk the whole construct tree.)
 */
function readableNames(values: unknown[]): Map<string, string> {
  const ids = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(collect);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.Ref === 'string' && !o.Ref.startsWith('AWS::')) {
        ids.add(o.Ref);
      }
      const getAtt = o['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
        ids.add(getAtt[0]);
      }
      Object.values(o).forEach(collect);
    }
  };
  values.forEach(collect);
  const byShort = new Map<string, string[]>();
  for (const logicalId of ids) {
    const short = LOGICAL_ID_HASH.exec(logicalId)?.[1] ?? logicalId;
    byShort.set(short, [...(byShort.get(short) ?? []), logicalId]);
  }
  const names = new Map<string, string>();
  for (const [short, list] of byShort) {
    for (const id of list) {
      names.set(id, list.length === 1 ? short : id);
    }
  }
  return names;
}

interface RenderContext {
  /** Whether the text written so far leaves us inside a JSON string literal. */
  insideString: boolean;
  readonly topLevel: boolean;
}

/**
 * Turns a resolved CloudFormation value (a string, an `Fn::Join`, another intrinsic) into text.
 * Placeholders that land outside a JSON string (a token used as a number) are quoted so the
 * result stays valid JSON.
 */
function renderValue(value: unknown, names: Map<string, string>, tokens: RenderedToken[], ctx: RenderContext): string {
  if (typeof value === 'string') {
    return value;
  }
  const join = asJoin(value);
  if (join) {
    let out = '';
    const [separator, parts] = join;
    parts.forEach((part, i) => {
      if (i > 0) {
        out += separator;
        ctx.insideString = trackStringState(separator, ctx.insideString);
      }
      if (typeof part === 'string') {
        out += part;
        ctx.insideString = trackStringState(part, ctx.insideString);
      } else if (asJoin(part)) {
        out += renderValue(part, names, tokens, ctx);
      } else {
        const placeholder = placeholderFor(part, names, tokens);
        out += ctx.topLevel && !ctx.insideString ? JSON.stringify(placeholder) : placeholder;
      }
    });
    return out;
  }
  return placeholderFor(value, names, tokens);
}

function asJoin(value: unknown): [string, unknown[]] | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const join = (value as Record<string, unknown>)['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return [join[0], join[1]];
    }
  }
  return undefined;
}

/** Matches what changes the string state: an escape (a backslash and the character after it) or a quote. */
const QUOTE_OR_ESCAPE = /\\.|"/gs;

/** Whether we are inside a JSON string after appending `text`, counting unescaped quotes. */
function trackStringState(text: string, inside: boolean): boolean {
  QUOTE_OR_ESCAPE.lastIndex = 0;
  for (let m = QUOTE_OR_ESCAPE.exec(text); m; m = QUOTE_OR_ESCAPE.exec(text)) {
    // Inside a string a backslash escapes the next character (`\"` does not end the string);
    // outside one (never in valid JSON) it escapes nothing.
    if (m[0] === '"' || (!inside && m[0][1] === '"')) {
      inside = !inside;
    }
  }
  return inside;
}

function placeholderFor(intrinsic: unknown, names: Map<string, string>, tokens: RenderedToken[]): string {
  const token = describeIntrinsic(intrinsic, names);
  tokens.push(token);
  return token.placeholder;
}

function describeIntrinsic(intrinsic: unknown, names: Map<string, string>): RenderedToken {
  const obj = (intrinsic && typeof intrinsic === 'object' ? intrinsic : {}) as Record<string, any>;
  if (typeof obj.Ref === 'string') {
    if (obj.Ref.startsWith('AWS::')) {
      return { placeholder: `\${${obj.Ref}}`, kind: TokenKind.PSEUDO, target: obj.Ref, intrinsic };
    }
    return { placeholder: `\${Ref:${names.get(obj.Ref) ?? obj.Ref}}`, kind: TokenKind.REF, target: obj.Ref, intrinsic };
  }
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    const attribute = String(getAtt[1]);
    return {
      placeholder: `\${GetAtt:${names.get(getAtt[0]) ?? getAtt[0]}.${attribute}}`,
      kind: TokenKind.GET_ATT,
      target: getAtt[0],
      attribute,
      intrinsic,
    };
  }
  if (obj['Fn::ImportValue'] !== undefined) {
    const name = typeof obj['Fn::ImportValue'] === 'string' ? obj['Fn::ImportValue'] : JSON.stringify(obj['Fn::ImportValue']);
    return { placeholder: `\${ImportValue:${sanitize(name)}}`, kind: TokenKind.IMPORT, intrinsic };
  }
  const fn = Object.keys(obj)[0] ?? 'Token';
  return { placeholder: `\${${fn}:${sanitize(JSON.stringify(obj[fn]))}}`, kind: TokenKind.OTHER, intrinsic };
}

/** Keeps a placeholder safe inside a JSON string: no quotes, no backslashes. */
function sanitize(text: string): string {
  return text.replace(/["\\]/g, '');
}

/** Replaces intrinsic objects inside an already-parsed definition (the `Definition` property form). */
function replaceTokensInObject(value: unknown, names: Map<string, string>, tokens: RenderedToken[]): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => replaceTokensInObject(v, names, tokens));
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const ctx = { insideString: true, topLevel: false };
      return renderValue(value, names, tokens, ctx);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceTokensInObject(v, names, tokens)]));
  }
  return value;
}

/** Applies `DefinitionSubstitutions` (`${Name}` in the definition), as CloudFormation would. */
function applySubstitutions(
  text: string,
  substitutions: Record<string, unknown>,
  names: Map<string, string>,
  tokens: RenderedToken[],
): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    if (!(key in substitutions)) {
      return whole;
    }
    const value = substitutions[key];
    if (typeof value === 'string' && !Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return renderValue(value, names, tokens, { insideString: true, topLevel: false });
  });
}
