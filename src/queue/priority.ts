// Which outgoing work goes first. The worker claims jobs by priority, and the send throttle orders
// the calls waiting for one chat the same way: into the admin group (about 20 messages a minute),
// a review card must not wait behind a weekly digest. Lower runs first.
export const PRIORITY = {
  /** A member is waiting for this answer (an album's preview). */
  interactive: 0,
  /** A new review card. */
  card: 1,
  /** Publishing, card updates after a decision, alerts to the admins. */
  decision: 2,
  /** A member told about their submission or membership. */
  notice: 3,
  /** Reminders to many members. */
  broadcast: 6,
  /** Summaries and reports in the admin group. */
  report: 8,
} as const;

const BY_KIND: Record<string, number> = {
  "draft.album-prompt": PRIORITY.interactive,
  "draft.prompt": PRIORITY.interactive,
  "review.card": PRIORITY.card,
  "review.card-update": PRIORITY.decision,
  "submission.publish": PRIORITY.decision,
  "message.send": PRIORITY.notice,
  "report.digest": PRIORITY.report,
};

/** The priority of a job kind when the enqueuer does not say. */
export function priorityOf(kind: string): number {
  return BY_KIND[kind] ?? 5;
}
