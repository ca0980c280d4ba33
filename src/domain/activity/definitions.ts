// What counts, and how people are ordered. Which submissions count as activity, decided, rejected
// or flagged is part of the queries (src/db/activity/expressions.ts), re-exported here for the
// domain's readers.
export { DECIDED_STATUSES, FLAGGED_RISK_LEVELS, REJECTED_STATUSES } from "../../db/activity/expressions.js";

const collator = new Intl.Collator("id", { sensitivity: "base", numeric: true });

/** Sort order for people (Indonesian collation, "KIM 2" before "KIM 10"). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
