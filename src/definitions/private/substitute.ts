import { Aws } from 'aws-cdk-lib';
import { SubstitutedResource } from './resource';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';

/**
 * `${Name}` placeholders, as SAM `DefinitionSubstitutions` and Workflow Studio exports write them
 * (names may hold dots, as in `${Function.Arn}`, and colons, as in `${AWS::Region}`).
 */
const PLACEHOLDER = /\$\{([A-Za-z0-9_.:-]+)\}/g;

/**
 * The AWS pseudo parameters, filled without a substitution (as CloudFormation's
 * `DefinitionSubstitutions` and `Fn::Sub` do).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
const PSEUDO_PARAMETERS: { readonly [name: string]: string } = {
  'AWS::Region': Aws.REGION,
  'AWS::AccountId': Aws.ACCOUNT_ID,
  'AWS::Partition': Aws.PARTITION,
  'AWS::URLSuffix': Aws.URL_SUFFIX,
};

/** One substitution: its text and, for a resource, what it stands for. */
export interface SubstitutionEntry {
  readonly value: string;
  readonly resource?: SubstitutedResource;
}

/** The placeholders of a definition, with the first state (or field) each appears in. */
export function placeholdersOf(definition: unknown): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (v: unknown, where: string) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) {
        if (!found.has(m[1])) {
          found.set(m[1], where);
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x) => visit(x, where));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'States' && x !== null && typeof x === 'object' && !Array.isArray(x)) {
          Object.entries(x).forEach(([name, state]) => visit(state, `state '${name}'`));
        } else {
          visit(x, where);
        }
      }
    }
  };
  visit(definition, 'the top level');
  return found;
}

/**
 * Replaces every `${Name}` of the definition with its substitution (SW023 for a placeholder
 * without one, SW024 for a substitution no placeholder uses). Returns a new object, and the
 * resources by the text they wrote.
 */
export function substitute(
  definition: Record<string, unknown>, substitutions: { readonly [name: string]: SubstitutionEntry }, where: string,
): { definition: Record<string, unknown>; resources: Map<string, SubstitutedResource> } {
  const placeholders = placeholdersOf(definition);
  for (const [name, at] of placeholders) {
    if (substitutions[name] === undefined && PSEUDO_PARAMETERS[name] === undefined) {
      throw new StepwiseError({
        code: CODES.SW023,
        statePath: at.startsWith('state ') ? at.slice(7, -1) : '',
        message: `${where} holds the placeholder \${${name}} (in ${at}), which no substitution fills`,
        actual: `substitutions: ${Object.keys(substitutions).map((n) => `'${n}'`).join(', ') || 'none'}`,
        fix: `add '${name}' to substitutions, e.g. ${name}: AslSubstitution.value('...') or a resource such as AslSubstitution.lambdaFunction(fn)`,
      });
    }
  }
  for (const name of Object.keys(substitutions)) {
    if (!placeholders.has(name)) {
      throw new StepwiseError({
        code: CODES.SW024,
        statePath: '',
        message: `the substitution '${name}' is not used: ${where} holds no \${${name}} placeholder`,
        actual: `placeholders: ${[...placeholders.keys()].map((n) => `'${n}'`).join(', ') || 'none'}`,
      });
    }
  }
  const resources = new Map<string, SubstitutedResource>();
  for (const entry of Object.values(substitutions)) {
    if (entry.resource) {
      resources.set(entry.value, entry.resource);
    }
  }
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(PLACEHOLDER, (_, name: string) => substitutions[name]?.value ?? PSEUDO_PARAMETERS[name]);
    }
    if (Array.isArray(v)) {
      return v.map(replace);
    }
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    }
    return v;
  };
  return { definition: replace(definition) as Record<string, unknown>, resources };
}
