import { describe, expect, it } from "vitest";
import { HttpError } from "grammy";
import type { ApiResponse } from "grammy/types";
import { retryTransformer } from "../../../src/telegram/retry.js";
import { harmlessErrorsTransformer } from "../../../src/telegram/harmless.js";

type Answer = ApiResponse<unknown> | Error;

/** A fake Telegram that answers the scripted outcomes in order, then success. */
function scripted(answers: Answer[]) {
  const calls: string[] = [];
  const prev = async (method: string) => {
    calls.push(method);
    const next = answers.shift() ?? { ok: true as const, result: { message_id: 1 } };
    if (next instanceof Error) throw next;
    return next;
  };
  return { prev, calls };
}

const sleeps: number[] = [];
const noSleep = async (ms: number) => {
  sleeps.push(ms);
};

function run(transformer: ReturnType<typeof retryTransformer>, prev: (m: string) => Promise<ApiResponse<unknown>>, method = "sendMessage") {
  return transformer(prev as never, method as never, {} as never) as Promise<ApiResponse<unknown>>;
}

const reset = new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up"));

describe("retrying Telegram calls", () => {
  it("retries a dropped connection and a 500 until the call goes through", async () => {
    const t = scripted([reset, { ok: false, error_code: 500, description: "Internal Server Error" }]);
    const res = await run(retryTransformer({ sleep: noSleep }), t.prev);
    expect(res.ok).toBe(true);
    expect(t.calls).toHaveLength(3);
  });

  it("waits out a short flood wait exactly as long as Telegram asks", async () => {
    sleeps.length = 0;
    const t = scripted([{ ok: false, error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } }]);
    const res = await run(retryTransformer({ sleep: noSleep }), t.prev);
    expect(res.ok).toBe(true);
    expect(sleeps).toEqual([2000]);
  });

  it("gives a long flood wait back to the caller instead of holding the chat", async () => {
    const t = scripted([{ ok: false, error_code: 429, description: "Too Many Requests: retry after 60", parameters: { retry_after: 60 } }]);
    const res = await run(retryTransformer({ sleep: noSleep, maxFloodWaitSeconds: 10 }), t.prev);
    expect(res).toMatchObject({ ok: false, error_code: 429 });
    expect(t.calls).toHaveLength(1);
  });

  it("stops after a bounded number of retries and lets the network error through", async () => {
    const t = scripted([reset, reset, reset, reset, reset]);
    await expect(run(retryTransformer({ sleep: noSleep, maxRetries: 3 }), t.prev)).rejects.toBeInstanceOf(HttpError);
    expect(t.calls).toHaveLength(4);
  });

  it("never retries a 4xx: blocked users and bad requests do not get better", async () => {
    const t = scripted([{ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }]);
    const res = await run(retryTransformer({ sleep: noSleep }), t.prev);
    expect(res).toMatchObject({ ok: false, error_code: 403 });
    expect(t.calls).toHaveLength(1);
  });

  it("abandons a call that hangs and tries again", async () => {
    let first = true;
    const prev = async () => {
      if (first) {
        first = false;
        return new Promise<ApiResponse<unknown>>(() => undefined);
      }
      return { ok: true as const, result: true };
    };
    const res = await run(retryTransformer({ sleep: noSleep, callTimeoutMs: 20 }), prev);
    expect(res.ok).toBe(true);
  });

  it("leaves getUpdates to the inbox's own loop", async () => {
    const t = scripted([reset]);
    await expect(run(retryTransformer({ sleep: noSleep }), t.prev, "getUpdates")).rejects.toBeInstanceOf(HttpError);
    expect(t.calls).toHaveLength(1);
  });
});

describe("harmless answers", () => {
  const harmless = harmlessErrorsTransformer();
  const answer = (res: ApiResponse<unknown>, method: string) =>
    harmless((async () => res) as never, method as never, {} as never) as Promise<ApiResponse<unknown>>;

  it("treats an edit that changes nothing as done", async () => {
    const res = await answer(
      { ok: false, error_code: 400, description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same" },
      "editMessageText",
    );
    expect(res.ok).toBe(true);
  });

  it("treats a callback answer that came too late as done", async () => {
    const res = await answer({ ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" }, "answerCallbackQuery");
    expect(res.ok).toBe(true);
  });

  it("keeps every other error", async () => {
    const res = await answer({ ok: false, error_code: 400, description: "Bad Request: message to edit not found" }, "editMessageText");
    expect(res.ok).toBe(false);
    const send = await answer({ ok: false, error_code: 400, description: "Bad Request: message is not modified" }, "sendMessage");
    expect(send.ok).toBe(false);
  });
});
