// Readiness: the database answers, its migrations are current, and Telegram answered recently (or
// answers a getMe now). Each check says only whether it passed and, if not, a short reason that
// names no secret (no token, no URL with one).
export interface ReadinessChecks {
  database(): Promise<void>;
  migrations(): Promise<boolean>;
  telegram(): Promise<boolean>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<"database" | "migrations" | "telegram", "ok" | string>;
}

export async function checkReadiness(checks: ReadinessChecks, timeoutMs = 3000): Promise<Readiness> {
  const database = await withTimeout(checks.database().then(() => "ok"), timeoutMs).catch(() => "the database does not answer");
  const migrations =
    database === "ok"
      ? await withTimeout(checks.migrations(), timeoutMs).then((ok) => (ok ? "ok" : "migrations are not current"), () => "migrations could not be read")
      : "not checked: no database";
  const telegram = await withTimeout(checks.telegram(), timeoutMs).then((ok) => (ok ? "ok" : "Telegram was not reachable recently"), () => "Telegram was not reachable recently");
  const result = { database, migrations, telegram };
  return { ready: Object.values(result).every((v) => v === "ok"), checks: result };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
