import { IConstruct } from 'constructs';

/**
 * What a pattern knows about a state it built and a definition cannot say (ASL has no field for
 * it): validation reads these facts instead of warning about what the pattern does on purpose.
 * They are kept beside the state's construct, in this process, and never written anywhere.
 */
export interface StateFacts {
  /** The loop through this state runs at most this many checks, adding at most this many history events (PollUntilDone). */
  readonly loopBound?: { readonly maxAttempts: number; readonly worstCaseHistoryEvents: number };
  /** The state has no heartbeat on purpose, and why (HumanApproval: a person answers it). */
  readonly noHeartbeatBecause?: string;
  /**
   * The state invokes a version or an alias of this Lambda function (its unqualified ARN). A
   * workflow that publishes versions lets its role invoke every version and alias of it, so that
   * executions still running on an older version of the workflow keep invoking the one they were
   * published with.
   */
  readonly invokesQualifiedLambdaOf?: string;
  /**
   * The state starts a version of this state machine (its unqualified ARN): as above, a workflow
   * that publishes versions may start every version of it.
   */
  readonly startsVersionOf?: string;
}

const FACTS = new WeakMap<IConstruct, StateFacts>();

/** Records what a pattern knows about a state it built. */
export function recordStateFacts(state: IConstruct, facts: StateFacts): void {
  FACTS.set(state, { ...FACTS.get(state), ...facts });
}

/** The facts recorded about one state, if any. */
export function factsOf(state: IConstruct): StateFacts | undefined {
  return FACTS.get(state);
}

/**
 * The facts of the states among `states` that have some, by state name (`stateId`).
 *
 * @param states state constructs (`sfn.State`), or any constructs (the others are skipped)
 */
export function stateFactsByName(states: Iterable<IConstruct>): Map<string, StateFacts> {
  const out = new Map<string, StateFacts>();
  for (const state of states) {
    const facts = FACTS.get(state);
    const name = (state as { stateId?: unknown }).stateId;
    if (facts && typeof name === 'string') {
      out.set(name, facts);
    }
  }
  return out;
}
