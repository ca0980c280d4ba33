// The project's Telegram Bot API emulator.
//
// End-to-end tests and `npm run demo` run the real, unchanged bot against it: grammY's
// client.apiRoot points here over HTTP. It answers the methods the bot uses the way the Bot API
// does, validation errors included (HTML parse errors, length limits, 403 for users who never
// started or blocked the bot, 429 flood control), so the bot's bugs surface in tests. Tests play
// the users (userSendsText, userPresses, …), then read what the bot did (messages, calls).
//
//   const tg = await BotApiEmulator.start();
//   tg.addUser({ id: 1001, first_name: "Budi" });
//   // start the bot with apiRoot: tg.apiRoot and token: tg.token
//   tg.userSendsText(1001, "/start");
//   const reply = await tg.waitForBotMessage(1001);
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BotCommand, CallbackQuery, Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import { ApiError, methodNotFound, tooManyRequests, unauthorized } from "./emulator/errors.js";
import {
  Faults,
  RandomFaults,
  type DropOptions,
  type FaultKind,
  type InjectedError,
  type RandomFaultKind,
  type RandomFaultOptions,
} from "./emulator/faults.js";
import type { FileKind, StoredFile } from "./emulator/files.js";
import { FloodControl, type LimitOptions } from "./emulator/limits.js";
import { createMethods, type Method } from "./emulator/methods.js";
import { readParams, type Params } from "./emulator/params.js";
import { listen, sendJson, sleep, type HttpServer } from "./emulator/server.js";
import { EmulatorState, type CallbackAnswer, type EmulatorStats, type EventListener } from "./emulator/state.js";
import {
  UserActions,
  type AlbumItem,
  type DocumentOptions,
  type PhotoOptions,
  type PressOptions,
  type TextOptions,
  type UserMessage,
  type VideoOptions,
} from "./emulator/user-actions.js";
import type { WebhookOptions } from "./emulator/webhook.js";
import { cloneMessage, messageLink, type ChannelSpec, type GroupSpec, type MemberStatus, type UserSpec } from "./emulator/world.js";

export { parseTelegramHtml, TelegramHtmlError } from "./html.js";
export { messageLink } from "./emulator/world.js";
export type { EmulatorEvent } from "./emulator/transcript.js";
export type { AlbumItem, DocumentOptions, PhotoOptions, PressOptions, TextOptions, UserMessage, VideoOptions };
export type { CallbackAnswer, EmulatorStats, InjectedError, DropOptions, LimitOptions, MemberStatus };
export type { FaultKind, RandomFaultKind, RandomFaultOptions, WebhookOptions };
export { RANDOM_FAULT_KINDS } from "./emulator/faults.js";

export interface EmulatorOptions {
  /** Default "123456:TEST-TOKEN"; the bot's id is the part before the colon, as with real tokens. */
  token?: string;
  /** has_main_web_app: the bot has a Main Mini App set in BotFather (getMe says so). */
  bot?: { id?: number; username?: string; first_name?: string; has_main_web_app?: boolean };
  /** Flood control; off unless enabled. */
  limits?: LimitOptions;
  /** The clock for message dates and callback-query expiry, in ms (default Date.now). */
  now?: () => number;
  /** Delay before answering every request. */
  latencyMs?: number;
  /** The clock of flood control in ms (default performance.now); tests pass one they move by hand. */
  floodClock?: () => number;
  /** update_id of the first update (default 1). */
  firstUpdateId?: number;
  /** A seeded random share of calls fails (429, 500, or a lost connection); see setRandomFaults. */
  faults?: RandomFaultOptions;
  /** Webhook delivery: where to POST (a TLS proxy's stand-in), backoff and timeout. */
  webhook?: WebhookOptions;
}

/** One request the bot made: decoded parameters (uploads as {upload, size}) and its outcome. */
export interface CallRecord {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  /** error_code 0 marks a connection the emulator dropped on purpose (dropConnectionNext). */
  error?: { error_code: number; description: string };
  /**
   * Set when the emulator failed the call on purpose: "429", "500", "drop-before", "drop-after"
   * (random faults and dropConnectionNext) or "scripted" (failNext). "drop-after" means the method
   * did run (a message was sent) but the bot never got the answer.
   */
  fault?: FaultKind;
  /** Date.now() when the answer was sent. */
  at: number;
}

const DEFAULT_TOKEN = "123456:TEST-TOKEN";

export class BotApiEmulator {
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: UserFromGetMe;
  /** Every request the bot made, in order. */
  readonly calls: CallRecord[] = [];

  private readonly state: EmulatorState;
  private readonly users: UserActions;
  private readonly methods: Map<string, Method>;
  private readonly faults = new Faults();
  private randomFaults: RandomFaults | undefined;
  private readonly faultTally: Record<RandomFaultKind, number> = { "429": 0, "500": 0, "drop-before": 0, "drop-after": 0 };
  private readonly holdRules: Array<{ method: string; match: (params: Record<string, unknown>) => boolean }> = [];
  private readonly heldCalls: Array<() => void> = [];
  private readonly flood: FloodControl;
  private latencyMs: number;
  private server: HttpServer | undefined;

  private constructor(opts: EmulatorOptions, port: number, server: HttpServer | undefined) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.bot = botUser(this.token, opts.bot);
    this.state = new EmulatorState(this.bot, opts.now ?? Date.now, opts.firstUpdateId ?? 1, opts.webhook);
    this.users = new UserActions(this.state);
    this.methods = createMethods(this.state);
    this.flood = new FloodControl(opts.limits ?? { enabled: false }, opts.floodClock);
    this.latencyMs = opts.latencyMs ?? 0;
    if (opts.faults) this.setRandomFaults(opts.faults);
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.server = server;
  }

  /** Starts an emulator on a random port of 127.0.0.1. */
  static async start(opts: EmulatorOptions = {}): Promise<BotApiEmulator> {
    // The server must listen before the emulator knows its port (and so its apiRoot).
    const late: { emulator?: BotApiEmulator } = {};
    const server = await listen((req, res) => {
      if (!late.emulator) throw new Error("emulator: request before start finished");
      return late.emulator.handle(req, res);
    });
    late.emulator = new BotApiEmulator(opts, server.port, server);
    return late.emulator;
  }

  /** Ends waiting long polls with no updates, then closes every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.state.updates.releaseWaiting();
    await this.state.webhook.clear();
    await server?.close();
  }

  // ——— The world ———

  addUser(spec: UserSpec): User {
    return this.state.world.addUser(spec);
  }

  addGroup(spec: GroupSpec): Chat {
    return this.state.world.addGroup(spec);
  }

  addChannel(spec: ChannelSpec): Chat {
    return this.state.world.addChannel(spec);
  }

  /**
   * The user joins the group (or channel), or their status changes (promoted, demoted). Where the
   * bot is an administrator and asked for "chat_member" in allowed_updates, a chat_member update
   * tells it, as Telegram does; `byUserId` is who made the change (default the user).
   */
  addMember(chatId: number, userId: number, status: MemberStatus = "member", byUserId?: number): void {
    this.users.setMemberStatus(chatId, userId, status, byUserId);
  }

  /**
   * The user is no longer in the group: getChatMember answers "left" (a chat_member update as for
   * addMember). With `byUserId` (another user) the user was removed rather than left.
   */
  removeMember(chatId: number, userId: number, byUserId?: number): void {
    this.users.setMemberStatus(chatId, userId, "left", byUserId);
  }

  /** The bot is kicked from a group or channel (a my_chat_member update); sends there answer 403. */
  botRemovedFrom(chatId: number, byUserId?: number): void {
    this.users.setBotStatus(chatId, "kicked", byUserId);
  }

  /** The bot is added back (as administrator unless said otherwise). */
  botAddedTo(chatId: number, status: "administrator" | "member" = "administrator", byUserId?: number): void {
    this.users.setBotStatus(chatId, status, byUserId);
  }

  /** Stores a file as Telegram would hold it, e.g. to let a test send it by file_id. */
  storeFile(bytes: Buffer, opts: { kind?: FileKind; fileName?: string; mimeType?: string; fileSize?: number } = {}) {
    const file = this.state.files.store(bytes, { kind: opts.kind ?? "document", ...opts });
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_path: file.file_path, file_size: file.file_size };
  }

  /** A stored file (what a user sent or the bot uploaded), bytes included. */
  file(fileId: string): StoredFile | undefined {
    return this.state.files.get(fileId);
  }

  /** The bytes of a file, e.g. the CSV or PNG the bot sent. */
  fileBytes(fileId: string): Buffer {
    const file = this.state.files.get(fileId);
    if (!file) throw new Error(`emulator: no file ${fileId}`);
    return file.bytes;
  }

  // ——— What users do ———

  /** A text message; "/command …" gets its bot_command entity, as Telegram's clients add it. */
  userSendsText(userId: number, text: string, opts?: TextOptions): Message {
    return this.users.sendText(userId, text, opts);
  }

  /** A photo as realistic PhotoSize[] (real JPEGs in Telegram's sizes). */
  userSendsPhoto(userId: number, opts?: PhotoOptions): Promise<Message> {
    return this.users.sendPhoto(userId, opts);
  }

  /** Several messages (and updates) sharing one media_group_id, as Telegram delivers an album. */
  userSendsAlbum(userId: number, items: AlbumItem[], opts?: { chatId?: number; replyTo?: number }): Promise<Message[]> {
    return this.users.sendAlbum(userId, items, opts);
  }

  userSendsVideo(userId: number, opts?: VideoOptions): Message {
    return this.users.sendVideo(userId, opts);
  }

  userSendsDocument(userId: number, opts: DocumentOptions): Message {
    return this.users.sendDocument(userId, opts);
  }

  /** Any other message: sticker, voice, location, contact, poll, forward_origin, … */
  userSends(userId: number, message: UserMessage): Message {
    return this.users.send(userId, message);
  }

  /** The user edits their own text message (an edited_message update). */
  userEdits(userId: number, message: Pick<Message, "message_id" | "chat">, text: string): Message {
    return this.users.edit(userId, message, text);
  }

  /** Presses an inline button; the query carries the message as it is now. */
  userPresses(userId: number, message: Pick<Message, "message_id" | "chat">, callbackData: string, opts?: PressOptions): CallbackQuery {
    return this.users.press(userId, message, callbackData, opts);
  }

  userBlocksBot(userId: number): void {
    this.users.block(userId);
  }

  userUnblocksBot(userId: number): void {
    this.users.unblock(userId);
  }

  /** A post in a channel by its admins (a channel_post update). */
  channelPost(chatId: number, content: string | Partial<Message>): Message {
    return this.users.channelPost(chatId, content);
  }

  /**
   * Queues any update object as it is (malformed ones too); numbers it if it has no update_id.
   * An injected callback_query with a string id stands for a query Telegram created: the bot may
   * answer it once, as a real one.
   */
  injectUpdate(raw: object): Update {
    const update = this.state.updates.push(structuredClone(raw), true);
    this.users.adoptInjectedQuery(update);
    return update;
  }

  // ——— What the bot did ———

  /** The chat's transcript as it is now (edits applied, deleted messages gone). */
  messages(chatId: number): Message[] {
    return this.state.world.chat(chatId).messages.map((m) => cloneMessage(m.message));
  }

  botMessages(chatId: number): Message[] {
    return this.state.world
      .chat(chatId)
      .messages.filter((m) => m.byBot)
      .map((m) => cloneMessage(m.message));
  }

  lastBotMessage(chatId: number): Message | undefined {
    return this.botMessages(chatId).at(-1);
  }

  /** One message as it is now; undefined once deleted. */
  message(chatId: number, messageId: number): Message | undefined {
    const stored = this.state.world.find(this.state.world.chat(chatId), messageId);
    return stored ? cloneMessage(stored.message) : undefined;
  }

  /** answerCallbackQuery calls, by callback query id. */
  get callbackAnswers(): ReadonlyMap<string, CallbackAnswer> {
    return this.state.callbackAnswers;
  }

  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.state.callbackAnswers.get(queryId);
  }

  get stats(): EmulatorStats {
    return this.state.stats;
  }

  /** The commands set with setMyCommands for a scope (default scope) and language. */
  myCommands(scope: object = { type: "default" }, languageCode = ""): BotCommand[] | undefined {
    return this.state.commands.get(`${JSON.stringify(scope)}|${languageCode}`);
  }

  /** Updates Telegram still holds for the bot (not confirmed by a getUpdates offset). */
  pendingUpdates(): number {
    return this.state.updates.pending();
  }

  /** How often the webhook was called with this update (deliveries that failed included). */
  webhookAttempts(updateId: number): number {
    return this.state.webhook.attempts.get(updateId) ?? 0;
  }

  /** Everything that happened, one line per event: "[Admin group] bot #3: …". */
  transcript(): string {
    return this.state.lines.join("\n");
  }

  /** Called for every user action and every message, edit, deletion and button answer of the bot. */
  onEvent(listener: EventListener): () => void {
    return this.state.onEvent(listener);
  }

  messageLink(chatId: number, messageId: number): string {
    const chat = this.state.world.chat(chatId).chat;
    return messageLink(chatId, messageId, chat.type === "private" ? undefined : chat.username);
  }

  // ——— Faults ———

  /** The next `times` calls of `method` ("*" for any) whose params match answer this error. */
  failNext(method: string, error: InjectedError, times = 1, match?: (params: Record<string, unknown>) => boolean): void {
    this.faults.failNext(method, error, times, match);
  }

  /**
   * From now on a seeded random share of calls fails: "429" (a flood wait with retry_after, not
   * run), "500" (not run), "drop-before" (the connection is lost before the call runs) or
   * "drop-after" (the call runs, then the connection is lost: Telegram did it, the bot never hears
   * so). getUpdates only fails before running, so a failed getUpdates never confirms its offset.
   * Scripted faults (failNext, dropConnectionNext) come first. undefined turns random faults off.
   */
  setRandomFaults(opts: RandomFaultOptions | undefined): void {
    this.randomFaults = opts && opts.rate > 0 ? new RandomFaults(opts) : undefined;
  }

  /** Random faults injected so far, by kind. */
  get injectedFaults(): Readonly<Record<RandomFaultKind, number>> {
    return { ...this.faultTally };
  }

  /** The next call of `method` loses its connection (before running it, or after with afterExecuting). */
  dropConnectionNext(method: string, opts?: DropOptions): void {
    this.faults.dropConnectionNext(method, opts);
  }

  /**
   * The next call of `method` whose params match is held unanswered and not executed, as if it had
   * not reached Telegram yet. `releaseHolds()` lets it through; if the bot's connection closes
   * first (its process was killed), the call is never executed.
   */
  holdNext(method: string, match: (params: Record<string, unknown>) => boolean = () => true): void {
    this.holdRules.push({ method: method.toLowerCase(), match });
  }

  releaseHolds(): void {
    for (const release of this.heldCalls.splice(0)) release();
  }

  /** Calls currently held by holdNext. */
  get heldCount(): number {
    return this.heldCalls.length;
  }

  /** Resolves true when the call may run, false when its client went away while it was held. */
  private async waitWhileHeld(method: string, params: Params, res: ServerResponse): Promise<boolean> {
    const rule = this.holdRules.find((r) => r.method === method.toLowerCase() && r.match(params.values));
    if (!rule) return true;
    this.holdRules.splice(this.holdRules.indexOf(rule), 1);
    return new Promise<boolean>((resolve) => {
      const release = () => resolve(true);
      this.heldCalls.push(release);
      res.once("close", () => {
        if (res.writableEnded) return;
        this.heldCalls.splice(this.heldCalls.indexOf(release), 1);
        this.record(method, params, new ApiError(499, "client closed the connection while the call was held"));
        resolve(false);
      });
    });
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  // ——— Waiting ———

  /** Polls fn every 10 ms until it returns a value (not undefined/null/false) or throws on timeout. */
  async waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = fn();
        if (value !== undefined && value !== null && value !== false) return value;
      } catch (err) {
        // An assertion inside fn that does not hold yet; reported if it never does.
        lastError = err;
      }
      if (Date.now() >= deadline) throw new Error(this.timeoutReport(timeoutMs, lastError));
      await sleep(10);
    }
  }

  /** The newest bot message in the chat that matches. */
  waitForBotMessage(chatId: number, predicate: (m: Message) => boolean = () => true, timeoutMs?: number): Promise<Message> {
    return this.waitFor(() => this.botMessages(chatId).reverse().find(predicate), timeoutMs);
  }

  /** The bot's message number `sinceCount` (0-based) in the chat: the first one after those already seen. */
  waitForNewBotMessage(chatId: number, sinceCount: number, timeoutMs?: number): Promise<Message> {
    return this.waitFor(() => this.botMessages(chatId)[sinceCount], timeoutMs);
  }

  /** The first call of a method that matches. */
  waitForCall(method: string, predicate: (c: CallRecord) => boolean = () => true, timeoutMs?: number): Promise<CallRecord> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && predicate(c)), timeoutMs);
  }

  private timeoutReport(timeoutMs: number, lastError: unknown): string {
    const calls = this.calls.slice(-10).map((c) => {
      const params = JSON.stringify(c.params);
      const outcome = c.ok ? "ok" : `${c.error?.error_code} ${c.error?.description}`;
      return `  ${c.method} → ${outcome} ${params.length > 300 ? `${params.slice(0, 300)}…` : params}`;
    });
    const events = this.state.lines.slice(-10).map((line) => `  ${line.replace(/\n/g, "\n  ")}`);
    return [
      `emulator: waitFor timed out after ${timeoutMs} ms`,
      ...(lastError === undefined ? [] : [`last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`]),
      `last calls:`,
      ...(calls.length > 0 ? calls : ["  (none)"]),
      `last events:`,
      ...(events.length > 0 ? events : ["  (none)"]),
    ].join("\n");
  }

  // ——— HTTP ———

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const api = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (api) return this.handleApi(req, res, url, decodeURIComponent(api[1] ?? ""), api[2] ?? "");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(res, decodeURIComponent(download[1] ?? ""), decodeURIComponent(download[2] ?? ""));
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL, token: string, methodName: string): Promise<void> {
    const method = this.methods.get(methodName.toLowerCase());
    const name = method?.name ?? methodName;
    this.state.stats.calls[name] = (this.state.stats.calls[name] ?? 0) + 1;
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const scriptedDrop = this.faults.takeDrop(name);
    let params: Params | undefined;
    let fault: FaultKind | undefined;
    try {
      if (token !== this.token) throw unauthorized();
      params = await readParams(req, url);
      const random = method && !scriptedDrop ? this.pickRandomFault(name) : undefined;
      const drop = scriptedDrop ?? (random === "drop-before" ? "before" : random === "drop-after" ? "after" : undefined);
      if (drop) fault = drop === "before" ? "drop-before" : "drop-after";
      if (drop === "before") return this.dropConnection(req, name, params, fault);
      if (!method) throw methodNotFound();
      if (!(await this.waitWhileHeld(name, params, res))) return;
      const scripted = this.faults.takeFailure(name, params.values);
      if (scripted) fault = "scripted";
      else if (random === "429" || random === "500") fault = random;
      if (scripted) throw scripted;
      if (random === "429") throw this.randomFaults!.floodError();
      if (random === "500") throw new ApiError(500, "Internal Server Error");
      const result = await this.run(method, params, res);
      if (drop === "after") return this.dropConnection(req, name, params, fault);
      this.record(name, params, undefined);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      const error = err instanceof ApiError ? err : internalError(err);
      if (error.code === 429) this.state.stats.rejected429++;
      this.record(name, params, error, fault);
      sendJson(res, error.code, error.toBody());
    }
  }

  private pickRandomFault(method: string): RandomFaultKind | undefined {
    const kind = this.randomFaults?.pick(method);
    if (kind) this.faultTally[kind]++;
    return kind;
  }

  /** Runs a method under flood control; a send counts only once it was delivered. */
  private async run(method: Method, params: Params, res: ServerResponse): Promise<unknown> {
    const target = method.sends && this.flood.enabled ? this.floodTarget(params) : undefined;
    const count = target && method.sends ? method.sends(params) : 0;
    if (target) {
      const wait = this.flood.wait(target.id, target.isPrivate, count);
      if (wait > 0) throw tooManyRequests(this.flood.retryAfter(wait));
    }
    // The client hanging up ends a long poll without delivering anything.
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableEnded) abort.abort();
    });
    const result = await method.run(params, { signal: abort.signal });
    if (target) this.flood.record(target.id, target.isPrivate, count);
    return result;
  }

  private floodTarget(params: Params): { id: number; isPrivate: boolean } | undefined {
    try {
      const chat = this.state.world.resolve(params.get("chat_id")).chat;
      return { id: chat.id, isPrivate: chat.type === "private" };
    } catch {
      return undefined; // the method itself reports the bad chat_id
    }
  }

  private dropConnection(req: IncomingMessage, method: string, params: Params, fault: FaultKind | undefined): void {
    const when = fault === "drop-after" ? "after running the call" : "before running the call";
    this.record(method, params, new ApiError(0, `emulator: connection dropped ${when}`), fault);
    req.socket.destroy();
  }

  private record(method: string, params: Params | undefined, error: ApiError | undefined, fault?: FaultKind): void {
    this.calls.push({
      method,
      params: params?.describe() ?? {},
      ok: error === undefined,
      ...(error ? { error: { error_code: error.code, description: error.description } } : {}),
      ...(fault ? { fault } : {}),
      at: Date.now(),
    });
  }

  private serveFile(res: ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) return sendJson(res, 401, unauthorized().toBody());
    const file = this.state.files.atPath(filePath);
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found: file not found" });
    res.writeHead(200, { "content-type": file.mime_type ?? "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
  }
}

function botUser(token: string, spec: EmulatorOptions["bot"] = {}): UserFromGetMe {
  const idFromToken = Number(token.split(":")[0]);
  return {
    id: spec.id ?? (Number.isSafeInteger(idFromToken) ? idFromToken : 123456),
    is_bot: true,
    first_name: spec.first_name ?? "JEDI KIM",
    username: spec.username ?? "jedikim_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: spec.has_main_web_app ?? false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

function internalError(err: unknown): ApiError {
  console.error("emulator: method crashed", err);
  return new ApiError(500, "Internal Server Error");
}
