// Database errors that say the work met other work at the same moment, not that it is wrong:
// PostgreSQL broke a deadlock or a serialization conflict by aborting one side, a lock was not
// granted in time, or an interactive transaction outlived its timeout (or could not start within
// its wait) because it queued behind another one's locks. Each time the transaction was rolled
// back whole, so doing the work again is safe, and once the other work is done it succeeds.
const CONFLICT_CODES = new Set([
  // Prisma: "Transaction failed due to a write conflict or a deadlock. Please retry your transaction"
  "P2034",
  // Prisma: "Transaction API error": expired (its timeout passed) or not started within maxWait
  "P2028",
  // PostgreSQL SQLSTATE: serialization_failure, deadlock_detected, lock_not_available
  "40001",
  "40P01",
  "55P03",
]);

/** Prisma's driver adapters name the conflict this way before it becomes P2034. */
const CONFLICT_KINDS = new Set(["TransactionWriteConflict"]);

/** Whether the error (or one of its causes, or the adapter error it carries) is such a conflict. */
export function isTransientConflict(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return false;
    seen.add(value);
    const o = value as Record<string, unknown>;
    for (const key of ["code", "originalCode"]) {
      const code = o[key];
      if (typeof code === "string" && CONFLICT_CODES.has(code)) return true;
    }
    if (typeof o.kind === "string" && CONFLICT_KINDS.has(o.kind)) return true;
    return ["cause", "meta", "driverAdapterError", "error"].some((key) => visit(o[key], depth + 1));
  };
  return visit(err, 0);
}
