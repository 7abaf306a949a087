import { isJsonataExpression, isObject } from './model';
import { RenderedToken, TokenKind } from './render';
import { TOKEN_ESTIMATES } from '../quotas';

/** The resource type `resourceTypes` gives a template parameter (it has no CloudFormation type). */
export const PARAMETER_TYPE = 'AWS::CloudFormation::Parameter';

/** How long a definition will be once deployed. */
export interface DefinitionSize {
  /** Characters of the text as rendered, placeholders included. */
  readonly rendered: number;
  /** The deployed length with every unresolved value at its shortest (1 character; 12 for an account ID). */
  readonly lowerBound: number;
  /** The deployed length with every unresolved value at its estimated longest (`TOKEN_ESTIMATES`). */
  readonly estimate: number;
  /** How many unresolved values the text holds. */
  readonly tokenCount: number;
  /** The characters estimated for them together. */
  readonly tokenCharacters: number;
}

/**
 * The length of a definition once CloudFormation has put in the values of its tokens. The text
 * holds placeholders (`${Ref:Queue}`) instead; each is replaced by an estimate of its value's
 * length by kind: pseudo parameters by their longest value, a `Ref` or `Fn::GetAtt` of a resource
 * by the longest ARN (256), anything else (parameters, imports, custom resources, other
 * intrinsics) by 4,096. The estimate is conservative: the real length is at most `estimate`.
 */
export function measureDefinition(text: string, tokens: readonly RenderedToken[] = [], resourceTypes?: ReadonlyMap<string, string>): DefinitionSize {
  let placeholders = 0;
  let shortest = 0;
  let longest = 0;
  for (const token of tokens) {
    placeholders += token.placeholder.length;
    const estimate = estimateToken(token, resourceTypes);
    longest += estimate;
    shortest += token.kind === TokenKind.PSEUDO && token.target === 'AWS::AccountId' ? estimate : 1;
  }
  const base = text.length - placeholders;
  return {
    rendered: text.length,
    lowerBound: base + shortest,
    estimate: base + longest,
    tokenCount: tokens.length,
    tokenCharacters: longest,
  };
}

/** The estimated deployed length of one CloudFormation value (see `TOKEN_ESTIMATES`). */
export function estimateToken(token: RenderedToken, resourceTypes?: ReadonlyMap<string, string>): number {
  switch (token.kind) {
    case TokenKind.PSEUDO:
      switch (token.target) {
        case 'AWS::Partition': return TOKEN_ESTIMATES.partition.value;
        case 'AWS::Region': return TOKEN_ESTIMATES.region.value;
        case 'AWS::AccountId': return TOKEN_ESTIMATES.accountId.value;
        case 'AWS::URLSuffix': return TOKEN_ESTIMATES.urlSuffix.value;
        case 'AWS::StackName': return TOKEN_ESTIMATES.stackName.value;
        case 'AWS::StackId': return TOKEN_ESTIMATES.resourceAttribute.value;
        default: return TOKEN_ESTIMATES.other.value;
      }
    case TokenKind.REF:
    case TokenKind.GET_ATT: {
      const type = resourceTypes?.get(token.placeholder);
      if (type === PARAMETER_TYPE || type === 'AWS::CloudFormation::CustomResource' || type?.startsWith('Custom::')) {
        return TOKEN_ESTIMATES.other.value;
      }
      return TOKEN_ESTIMATES.resourceAttribute.value;
    }
    default:
      return TOKEN_ESTIMATES.other.value;
  }
}

/**
 * The part of a payload template that is there whatever the input: `.$` entries (JSONPath) and
 * `{% %}` expressions (JSONata) are dropped; everything else is copied as written.
 */
export function staticPart(value: unknown): unknown {
  if (isJsonataExpression(value)) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map(staticPart).filter((v) => v !== undefined);
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$')) {
        continue;
      }
      const part = staticPart(v);
      if (part !== undefined) {
        out[k] = part;
      }
    }
    return out;
  }
  return value;
}

/**
 * An upper bound of the UTF-8 size of a value's JSON (at most 6 bytes per UTF-16 unit of a string,
 * as `\\uXXXX`; 24 per number), computed without building the JSON, and abandoned once it passes
 * `budget`.
 */
export function jsonBytesBound(value: unknown, budget: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total < budget) {
    const v = stack.pop();
    if (typeof v === 'string') {
      total += 2 + 6 * v.length;
    } else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const item of v) {
        stack.push(item);
      }
    } else if (isObject(v)) {
      total += 2;
      for (const [k, item] of Object.entries(v)) {
        total += 4 + 6 * k.length;
        stack.push(item);
      }
    } else {
      total += 24;
    }
  }
  return total;
}
