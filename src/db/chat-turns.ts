// Updates of one chat, one at a time, across every process that shares a PostgreSQL database.
//
// With several instances behind a load balancer (webhook mode), two updates of one member can
// reach two instances at once: a tap on "Kirim" and the next message, or two parts of an album.
// Each process already runs one chat's updates in order (src/bot/inbox.ts); this makes the turn
// shared. A session advisory lock per chat, on a connection of its own: a process that dies
// drops its connection, and PostgreSQL releases its locks with it.
import pg from "pg";

/** Runs `fn` while no other process runs an update of the same chat (or the same schedule). */
export interface ChatTurns {
  take<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` only if no other process holds the turn now; false when it was skipped. */
  tryTake(key: string, fn: () => Promise<unknown>): Promise<boolean>;
  close(): Promise<void>;
}

/** The first key of the two-key advisory lock: keeps these apart from any other advisory lock. */
const LOCK_CLASS = 0x4b494d; // "KIM"
const RETRY_MS = 20;

export class PostgresChatTurns implements ChatTurns {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;

  constructor(private readonly databaseUrl: string) {}

  async take<T>(key: string, fn: () => Promise<T>): Promise<T> {
    while (!(await this.lock(key))) await new Promise((r) => setTimeout(r, RETRY_MS));
    try {
      return await fn();
    } finally {
      await this.unlock(key);
    }
  }

  async tryTake(key: string, fn: () => Promise<unknown>): Promise<boolean> {
    if (!(await this.lock(key))) return false;
    try {
      await fn();
      return true;
    } finally {
      await this.unlock(key);
    }
  }

  private async lock(key: string): Promise<boolean> {
    const client = await this.connection();
    const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS \"ok\"", [LOCK_CLASS, key]);
    return got.rows[0]?.ok === true;
  }

  private async unlock(key: string): Promise<void> {
    await this.client?.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, key]).catch(() => undefined);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const c = new pg.Client({ connectionString: this.databaseUrl });
      // A lost connection lost its locks too: the next turn connects again.
      c.on("error", () => {
        if (this.client === c) this.client = undefined;
      });
      c.on("end", () => {
        if (this.client === c) this.client = undefined;
      });
      await c.connect();
      this.client = c;
      return c;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}
