import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

/**
 * JSON logs on stdout. Every line is scrubbed of the bot token: grammY's network errors carry
 * request URLs, and the token is part of every Bot API URL.
 */
export function createLogger(opts: { level: string; secrets?: Array<string | undefined>; destination?: DestinationStream }): Logger {
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length > 0);
  const out = opts.destination ?? { write: (line: string) => process.stdout.write(line) };
  const scrubbing: DestinationStream = {
    write(line: string) {
      let safe = line;
      for (const s of secrets) safe = safe.split(s).join("[REDACTED]");
      out.write(safe);
    },
  };
  return pino({ level: opts.level, base: { app: "jedi-kim-bot" } }, scrubbing);
}
