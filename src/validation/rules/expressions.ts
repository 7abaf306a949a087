/*
 * Expressions and variables: every path, intrinsic function call and JSONata expression parsed
 * (SW230-SW234), expression-like text Step Functions passes on as text (SW407), and workflow
 * variables: their names (SW235), reads no assignment reaches (SW236), and reads outside the
 * variable's scope (SW237).
 *
 * Variable sources: ASL "State Machine Variables" (https://states-language.net/spec.html#state-machine-variables)
 * and AWS "Passing data between states with variables"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html): names are
 * Unicode identifiers of at most 80 characters, `states` is reserved; a variable is visible in its
 * scope and in the branches and iterations nested in it, but not outside the branch or iteration
 * that assigned it; a Distributed Map's child executions cannot read the outer workflow's
 * variables; new values take effect when the assigning state finishes.
 */
import { Scope, StateNode, isDistributedMap, startState, successors } from '../../core/asl/model';
import { CODES, CodeInfo } from '../../core/codes';
import { Rule, RuleContext } from '../private/context';
import { ExpressionProblem, expressionsOf } from '../private/expressions';

const CODE_OF: Record<ExpressionProblem['code'], CodeInfo> = {
  SW230: CODES.SW230, SW231: CODES.SW231, SW232: CODES.SW232, SW233: CODES.SW233, SW234: CODES.SW234, SW407: CODES.SW407,
};

/** Paths, intrinsic functions and JSONata expressions parse, and read only what their place offers. */
export const expressionRule: Rule = {
  name: 'expressions',
  codes: [CODES.SW230, CODES.SW231, CODES.SW232, CODES.SW233, CODES.SW234],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (!state.isObject || state.type === undefined) {
        continue;
      }
      for (const p of expressionsOf(state).problems) {
        if (p.code !== 'SW407') {
          ctx.report(CODE_OF[p.code], state.path, `${p.message} (in '${state.name}')`, { actual: p.value });
        }
      }
    }
  },
};

/** A path or intrinsic call under a plain key of a JSONPath template, or a `.$` key in a JSONata state (AWS `NO_DOLLAR`). */
export const literalExpressionRule: Rule = {
  name: 'expressions taken as text',
  codes: [CODES.SW407],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (!state.isObject || state.type === undefined) {
        continue;
      }
      for (const p of expressionsOf(state).problems) {
        if (p.code === 'SW407') {
          ctx.report(CODES.SW407, state.path, `${p.message} (in '${state.name}')`, { actual: p.value });
        }
      }
    }
  },
};

/** A Unicode identifier (AWS: "variable names ... follow the rules for Unicode identifiers"). */
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const MAX_NAME = 80;

/** Variable names, and every read reached by an assignment in scope. */
export const variablesRule: Rule = {
  name: 'variables',
  codes: [CODES.SW235, CODES.SW236, CODES.SW237],
  check(ctx) {
    const states = ctx.model.states.filter((s) => s.isObject && s.type !== undefined);
    for (const state of states) {
      for (const a of expressionsOf(state).assigns) {
        const problem = a.name === 'states' ? 'the name states is reserved'
          : !IDENTIFIER.test(a.name) ? 'it is not an identifier (a letter or underscore, then letters, digits or underscores)'
            : [...a.name].length > MAX_NAME ? `it is ${[...a.name].length} characters long; at most ${MAX_NAME} are allowed` : undefined;
        if (problem) {
          ctx.report(CODES.SW235, state.path, `${a.field} of '${state.name}' assigns the variable ${JSON.stringify(a.name)}: ${problem}`, {
            limit: `an identifier of at most ${MAX_NAME} characters, not states`, actual: JSON.stringify(a.name),
          });
        }
      }
    }
    if (!states.some((s) => expressionsOf(s).reads.length > 0)) {
      return;
    }
    new VariableFlow(ctx).check(states);
  },
};

/**
 * Which variables may have been assigned when each state runs: a forward "may" analysis over each
 * scope's transitions (the union over every path that reaches the state), seeded at a scope's
 * start with what its Parallel or inline Map state sees (nothing for a Distributed Map's
 * processor, whose child executions do not see outer variables).
 */
class VariableFlow {
  private readonly atEntry = new Map<StateNode, Set<string>>();
  /** Where each variable is assigned: the scopes. */
  private readonly assignedIn = new Map<string, Set<Scope>>();

  constructor(private readonly ctx: RuleContext) {}

  check(states: StateNode[]): void {
    for (const s of states) {
      for (const a of expressionsOf(s).assigns) {
        const scopes = this.assignedIn.get(a.name) ?? new Set<Scope>();
        scopes.add(s.scope);
        this.assignedIn.set(a.name, scopes);
      }
    }
    for (const scope of this.ctx.model.scopes) {
      this.flow(scope);
    }
    for (const s of states) {
      const available = this.atEntry.get(s);
      if (!available) {
        continue; // unreachable: SW208
      }
      const seen = new Set<string>();
      for (const read of expressionsOf(s).reads) {
        if (available.has(read.name) || seen.has(read.name)) {
          continue;
        }
        seen.add(read.name);
        this.report(s, read.name, read.field);
      }
    }
  }

  /** The variables visible when a scope starts. */
  private seed(scope: Scope): Set<string> {
    const owner = scope.owner;
    if (!owner || isDistributedMap(owner)) {
      return new Set();
    }
    return new Set(this.atEntry.get(owner) ?? []);
  }

  private flow(scope: Scope): void {
    const start = startState(scope);
    if (!start) {
      return;
    }
    this.atEntry.set(start, this.seed(scope));
    const queue: StateNode[] = [start];
    while (queue.length) {
      const s = queue.shift()!;
      const entry = this.atEntry.get(s)!;
      const assigns = expressionsOf(s).assigns;
      for (const next of successors(s)) {
        const out = new Set(entry);
        for (const a of assigns) {
          out.add(a.name);
        }
        const known = this.atEntry.get(next);
        if (!known) {
          this.atEntry.set(next, out);
          queue.push(next);
        } else {
          let grew = false;
          for (const v of out) {
            if (!known.has(v)) {
              known.add(v);
              grew = true;
            }
          }
          if (grew) {
            queue.push(next);
          }
        }
      }
    }
  }

  private report(state: StateNode, name: string, field: string): void {
    const scopes = this.assignedIn.get(name);
    const where = `${field} of '${state.name}' reads the variable $${name}`;
    if (!scopes) {
      this.ctx.report(CODES.SW236, state.path, `${where}, which no state assigns`, { actual: `$${name}` });
      return;
    }
    const visible = [...scopes].some((sc) => this.isAncestorOrSelf(state.scope, sc) && !this.beyondDistributed(state.scope, sc));
    const distributedOwner = this.distributedOwnerOf(state.scope);
    if (visible) {
      this.ctx.report(CODES.SW236, state.path, `${where}, but no path from the start of its ${state.scope.path ? 'branch or iteration' : 'workflow'} to '${state.name}' assigns it first`, {
        actual: `$${name}`,
      });
    } else if ([...scopes].some((sc) => this.beyondDistributed(state.scope, sc))) {
      this.ctx.report(CODES.SW237, state.path, `${where}, a variable of the workflow outside the Distributed Map '${distributedOwner?.name}': child executions cannot read outer variables`, {
        actual: `$${name}`, fix: `Pass the value into the Distributed Map through ItemSelector (or BatchInput) of '${distributedOwner?.name}'.`,
      });
    } else {
      const inner = [...scopes][0];
      this.ctx.report(CODES.SW237, state.path, `${where}, which is assigned only inside '${inner.path}', a branch or iteration it cannot see into`, {
        actual: `$${name}`,
      });
    }
  }

  private isAncestorOrSelf(scope: Scope, outer: Scope): boolean {
    for (let sc: Scope | undefined = scope; sc; sc = sc.owner?.scope) {
      if (sc === outer) {
        return true;
      }
    }
    return false;
  }

  /** The innermost Distributed Map whose processor holds `scope`. */
  private distributedOwnerOf(scope: Scope): StateNode | undefined {
    for (let sc: Scope | undefined = scope; sc; sc = sc.owner?.scope) {
      if (sc.owner && isDistributedMap(sc.owner)) {
        return sc.owner;
      }
    }
    return undefined;
  }

  /** Whether `outer` is an ancestor of `scope` across a Distributed Map boundary. */
  private beyondDistributed(scope: Scope, outer: Scope): boolean {
    let crossed = false;
    for (let sc: Scope | undefined = scope; sc; sc = sc.owner?.scope) {
      if (sc === outer) {
        return crossed;
      }
      if (sc.owner && isDistributedMap(sc.owner)) {
        crossed = true;
      }
    }
    return false;
  }
}

