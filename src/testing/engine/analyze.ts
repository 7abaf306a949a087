import { InvalidDefinitionError, UnsupportedFeatureError } from '../errors';

/** What the runner needs to know about a definition before running it. */
export interface DefinitionFacts {
  /** Every state name (names are unique in the whole state machine) and its type. */
  readonly stateTypes: Map<string, string>;
}

const STATE_TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

/**
 * Distributed Map fields, which the runner emulates in Distributed mode only; on an inline Map
 * (where Step Functions rejects them) they make the runner refuse the definition (SW804).
 */
const UNSUPPORTED_MAP_FIELDS = [
  'ItemReader', 'ItemBatcher', 'ResultWriter',
  'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath',
];

/**
 * Checks a definition once, before any run: every transition target exists in its scope, every
 * state has a known type, no inner scope assigns a variable an outer scope assigns (ASL "Variable
 * Scope"), and no unsupported feature is used.
 *
 * @throws InvalidDefinitionError (SW805), UnsupportedFeatureError (SW804)
 */
export function analyzeDefinition(definition: unknown): DefinitionFacts {
  const stateTypes = new Map<string, string>();
  const unsupported: string[] = [];

  const walk = (scope: any, where: string, outerVariables: Set<string>): void => {
    if (!scope || typeof scope !== 'object' || !scope.States || typeof scope.States !== 'object') {
      throw new InvalidDefinitionError(`${where} has no States object.`);
    }
    const states: Record<string, any> = scope.States;
    if (typeof scope.StartAt !== 'string' || !(scope.StartAt in states)) {
      throw new InvalidDefinitionError(`${where}: StartAt '${scope.StartAt}' is not a state of this scope.`);
    }
    const assigned = new Set<string>();
    const collect = (assign: unknown, name: string): void => {
      if (assign && typeof assign === 'object') {
        for (const key of Object.keys(assign)) {
          const variable = key.endsWith('.$') ? key.slice(0, -2) : key;
          if (outerVariables.has(variable)) {
            throw new InvalidDefinitionError(
              `assigns the variable '${variable}', which an outer scope also assigns; a Parallel branch or Map iteration cannot reuse an outer variable's name (ASL "Variable Scope").`,
              name,
            );
          }
          assigned.add(variable);
        }
      }
    };
    for (const [name, state] of Object.entries(states)) {
      if (!state || !STATE_TYPES.has(state.Type)) {
        throw new InvalidDefinitionError(`has an unknown Type '${state?.Type}'.`, name);
      }
      if (stateTypes.has(name)) {
        throw new InvalidDefinitionError('appears twice; state names must be unique in the whole state machine.', name);
      }
      stateTypes.set(name, state.Type);
      const targets: string[] = [];
      if (state.Next !== undefined) {
        targets.push(state.Next);
      }
      if (state.Type === 'Choice') {
        for (const rule of state.Choices ?? []) {
          targets.push(rule.Next);
          collect(rule.Assign, name);
        }
        if (state.Default !== undefined) {
          targets.push(state.Default);
        }
      }
      for (const catcher of state.Catch ?? []) {
        targets.push(catcher.Next);
        collect(catcher.Assign, name);
      }
      for (const target of targets) {
        if (!(target in states)) {
          throw new InvalidDefinitionError(`transitions to '${target}', which is not a state of ${where}.`, name);
        }
      }
      if (state.Next === undefined && state.End !== true && !['Choice', 'Succeed', 'Fail'].includes(state.Type)) {
        throw new InvalidDefinitionError('has neither Next nor "End": true.', name);
      }
      collect(state.Assign, name);
      if (state.Type === 'Map' && (state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode !== 'DISTRIBUTED') {
        // On an inline Map these fields are invalid (cdk synth reports SW150); run nothing wrong.
        for (const field of UNSUPPORTED_MAP_FIELDS) {
          if (state[field] !== undefined) {
            unsupported.push(`state '${name}': inline Map ${field}`);
          }
        }
      }
      const inputType = state.ItemReader?.ReaderConfig?.InputType;
      if (inputType === 'PARQUET') {
        unsupported.push(`state '${name}': ItemReader InputType PARQUET (no Parquet decoder in the local runner)`);
      }
    }
    const visible = new Set([...outerVariables, ...assigned]);
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Parallel') {
        if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
          throw new InvalidDefinitionError('is a Parallel state without Branches.', name);
        }
        state.Branches.forEach((branch: unknown, i: number) => walk(branch, `'${name}' Branches[${i}]`, visible));
      } else if (state.Type === 'Map') {
        const distributed = (state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED';
        // Distributed Map iterations cannot see outer variables (AWS "Variable scope"), so no clash either.
        walk(state.ItemProcessor ?? state.Iterator, `'${name}' ItemProcessor`, distributed ? new Set() : visible);
      }
    }
  };

  if (!definition || typeof definition !== 'object') {
    throw new InvalidDefinitionError('the definition is not a JSON object.');
  }
  walk(definition, 'the state machine', new Set());
  if (unsupported.length > 0) {
    throw new UnsupportedFeatureError(unsupported);
  }
  return { stateTypes };
}
