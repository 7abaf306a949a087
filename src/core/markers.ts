/*
 * ASL has no field for metadata, so the patterns that deliberately do what a hygiene rule warns
 * about say so in their state's Comment, and validation reads it back. One place for both sides.
 */

/** Ends the Comment of a HumanApproval task: no heartbeat, on purpose (a person has none). */
export const HUMAN_APPROVAL_MARKER = '(cdk-stepwise HumanApproval)';

/** The Comment of a PollUntilDone Choice: the loop's bound and its worst-case history events. */
export function pollMarker(maxAttempts: number, worstCaseHistoryEvents: number): string {
  return `(cdk-stepwise PollUntilDone maxAttempts=${maxAttempts} worstCaseHistoryEvents=${worstCaseHistoryEvents})`;
}

/** The bound a PollUntilDone Choice's Comment declares, if it has one. */
export function readPollMarker(comment: unknown): { maxAttempts: number; worstCaseHistoryEvents: number } | undefined {
  const m = typeof comment === 'string' ? /\(cdk-stepwise PollUntilDone maxAttempts=(\d+) worstCaseHistoryEvents=(\d+)\)/.exec(comment) : null;
  return m ? { maxAttempts: Number(m[1]), worstCaseHistoryEvents: Number(m[2]) } : undefined;
}

/** Whether a state's Comment marks it as a HumanApproval task. */
export function isHumanApproval(comment: unknown): boolean {
  return typeof comment === 'string' && comment.endsWith(HUMAN_APPROVAL_MARKER);
}
