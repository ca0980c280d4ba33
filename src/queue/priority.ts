// Which outgoing work goes first. The worker claims jobs by priority, and the send throttle orders
// the calls waiting for one chat the same way: into the admin group (about 20 messages a minute),
// a review card must not wait behind a weekly digest. Lower runs first. Each job kind's own
// priority is declared with the kind (src/queue/kinds.ts); an enqueue may give another.
export const PRIORITY = {
  /** A member is waiting for this answer (an album's preview). */
  interactive: 0,
  /** A new review card. */
  card: 1,
  /** Publishing, card updates after a decision, alerts to the admins. */
  decision: 2,
  /** A member told about their submission or membership. */
  notice: 3,
  /** Work nobody waits for at once (re-checks, deleting a removed post). */
  default: 5,
  /** Reminders to many members. */
  broadcast: 6,
  /** Summaries and reports in the admin group. */
  report: 8,
} as const;
