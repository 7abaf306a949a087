/*
 * Graph algorithms over the ASL model: the loops of a scope and the lightest paths through it.
 * Linear in states plus transitions (loops), or n log n (paths); iterative, as a scope may have
 * thousands of states.
 */
import { Scope, StateNode, isTerminal, startState, successors } from './model';

/**
 * The loops of a scope: its strongly connected components with more than one state, or one state
 * that transitions to itself, each in definition order. Tarjan's algorithm, iterative (a scope may
 * have thousands of states), linear in states plus transitions.
 */
export function loopsOf(scope: Scope): StateNode[][] {
  const states = scope.states;
  const n = states.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const loops: StateNode[][] = [];
  let counter = 0;
  // The work list of the depth-first search: a state and how many of its successors are done.
  const nodes: number[] = [];
  const next: number[] = [];

  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) {
      continue;
    }
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    nodes.push(root);
    next.push(0);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const v = nodes[top];
      const list = successors(states[v]);
      if (next[top] < list.length) {
        const w = list[next[top]++].localIndex;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          nodes.push(w);
          next.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      nodes.pop();
      next.pop();
      if (nodes.length > 0) {
        const parent = nodes[nodes.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || successors(states[v]).includes(states[v])) {
          loops.push(component.sort((a, b) => a - b).map((i) => states[i]));
        }
      }
    }
  }
  return loops.sort((a, b) => a[0].localIndex - b[0].localIndex);
}

/** A minimal binary heap of [distance, state] pairs for the shortest-path searches below. */
export class Heap {
  private readonly items: [number, StateNode][] = [];
  public get size(): number {
    return this.items.length;
  }
  public push(item: [number, StateNode]): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = Math.floor((i - 1) / 2);
      if (a[p][0] <= a[i][0]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  public pop(): [number, StateNode] {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The lightest pass round a loop through `entry` staying inside `members`, where running a state
 * costs `weight(state)` (Dijkstra's algorithm).
 */
export function shortestCycle(entry: StateNode, members: Set<StateNode>, weight: (state: StateNode) => number): number {
  const dist = new Map<StateNode, number>([[entry, weight(entry)]]);
  const heap = new Heap();
  heap.push([weight(entry), entry]);
  let best = Infinity;
  while (heap.size > 0) {
    const [d, s] = heap.pop();
    if (d > (dist.get(s) ?? Infinity) || d >= best) {
      continue;
    }
    for (const t of successors(s)) {
      if (t === entry) {
        best = Math.min(best, d);
      } else if (members.has(t)) {
        const nd = d + weight(t);
        if (nd < (dist.get(t) ?? Infinity)) {
          dist.set(t, nd);
          heap.push([nd, t]);
        }
      }
    }
  }
  return Number.isFinite(best) ? best : weight(entry);
}

/**
 * The lightest run through a scope, from `StartAt` to a terminal state, where running a state
 * costs `weight(state)` (Dijkstra's algorithm).
 */
export function shortestRun(scope: Scope, weight: (state: StateNode) => number): number {
  const start = startState(scope);
  if (!start) {
    return 0;
  }
  const dist = new Map<StateNode, number>([[start, weight(start)]]);
  const heap = new Heap();
  heap.push([weight(start), start]);
  while (heap.size > 0) {
    const [d, s] = heap.pop();
    if (d > (dist.get(s) ?? Infinity)) {
      continue;
    }
    if (isTerminal(s)) {
      return d;
    }
    for (const t of successors(s)) {
      const nd = d + weight(t);
      if (nd < (dist.get(t) ?? Infinity)) {
        dist.set(t, nd);
        heap.push([nd, t]);
      }
    }
  }
  return weight(start);
}
