// Values as raw queries return them: the drivers differ (SQLite gives numbers and epoch
// milliseconds, PostgreSQL bigints as bigint or text and timestamps as Date).

/** Raw query values arrive as number, bigint or (rarely) string. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A DateTime column read by a raw query: Date, epoch ms (number/bigint) or an ISO string. */
export function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "string" && !/^\d+$/.test(value)) return new Date(value);
  return new Date(num(value));
}

/** A text column or aggregate, "" for NULL. */
export function textOrEmpty(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
