// Database failures that are about the storage, not about the data: the disk is full, the file
// or its folder is read-only, the database is locked or cannot be reached. They say nothing about
// the update or the job that met them, so the work is retried once the storage is fine again, and
// the log says in one line what is wrong.
export type StorageProblem = "full" | "read-only" | "busy" | "unavailable";

const CODES: Record<string, StorageProblem> = {
  // SQLite (better-sqlite3 and Prisma's driver adapter report these names)
  SQLITE_FULL: "full",
  SQLITE_READONLY: "read-only",
  SQLITE_CANTOPEN: "unavailable",
  SQLITE_IOERR: "unavailable",
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_PROTOCOL: "busy",
  // PostgreSQL SQLSTATE
  "53100": "full",
  "25006": "read-only",
  "53300": "busy",
  "57P01": "unavailable",
  "57P03": "unavailable",
  "08006": "unavailable",
  "08001": "unavailable",
  // Node's own errors while opening a file or a connection
  ENOSPC: "full",
  EROFS: "read-only",
  EACCES: "read-only",
  EPERM: "read-only",
  ENOTDIR: "unavailable",
  // mkdir of the database folder where a file of that name stands
  EEXIST: "unavailable",
  ECONNREFUSED: "unavailable",
  ECONNRESET: "unavailable",
};

/** The storage problem behind an error (looked for in its codes, causes and adapter metadata). */
export function storageProblem(err: unknown): StorageProblem | undefined {
  // A failed Telegram call (grammY's HttpError: a connection reset, a refused connection) says
  // nothing about the database, whatever codes its cause carries.
  if (err instanceof Error && (err.name === "HttpError" || err.name === "GrammyError")) return undefined;
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): StorageProblem | undefined => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return undefined;
    seen.add(value);
    const o = value as Record<string, unknown>;
    for (const key of ["originalCode", "code", "errno"]) {
      const code = o[key];
      if (typeof code === "string") {
        // Extended codes name their family first: SQLITE_IOERR_WRITE is an SQLITE_IOERR.
        for (let c = code; c; c = c.includes("_") ? c.slice(0, c.lastIndexOf("_")) : "") {
          const hit = CODES[c];
          if (hit) return hit;
        }
      }
    }
    for (const key of ["cause", "meta", "driverAdapterError", "error"]) {
      const hit = visit(o[key], depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  return visit(err, 0);
}

/** One line for the operator. */
export function describeStorageProblem(problem: StorageProblem, where: string): string {
  switch (problem) {
    case "full":
      return `database or disk full (${where}): free some space; the bot retries by itself`;
    case "read-only":
      return `database read-only (${where}): check the permissions of the file and its folder, and the disk`;
    case "busy":
      return `database busy (${where}): another process holds a lock; retrying`;
    case "unavailable":
      return `database unavailable (${where}): the file or the server cannot be reached; retrying`;
  }
}

/**
 * Says once, in one line, that the storage has a problem, and once that it is fine again, however
 * many operations meet the problem in between.
 */
export class StorageAlarm {
  private down: StorageProblem | undefined;
  private lastFailure = 0;

  constructor(
    private readonly logger: { error(obj: object, msg: string): void; info(obj: object, msg: string): void },
    /** A success this soon after a failure does not end the problem yet: operations under way may still fail. */
    private readonly settleMs = 1000,
  ) {}

  /** True when the error was a storage problem (logged if it is news). */
  note(err: unknown, where: string): boolean {
    const problem = storageProblem(err);
    if (!problem) return false;
    this.lastFailure = Date.now();
    if (this.down !== problem) this.logger.error({ problem }, describeStorageProblem(problem, where));
    this.down = problem;
    return true;
  }

  /** Call after a write succeeded; true when this ends a problem. */
  recovered(what: string): boolean {
    if (!this.down || Date.now() - this.lastFailure < this.settleMs) return false;
    this.logger.info({ was: this.down }, `database writable again: ${what}`);
    this.down = undefined;
    return true;
  }

  get problem(): StorageProblem | undefined {
    return this.down;
  }
}
