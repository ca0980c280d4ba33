import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { LocaleTranslate, Translate } from "./i18n.js";
import type { ScreeningService } from "./screening.js";
import type { AdminMembership } from "./admin-guard.js";
import type { FloodGuard } from "./flood-guard.js";
import type { SendThrottle } from "../telegram/throttle.js";
import type { SettingsMonitor } from "./settings-monitor.js";

/** Everything a handler may use, injected once so tests can pass a real database and their own clock. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  translate: Translate;
  screening: ScreeningService;
  /** Who is a member of the admin group right now. */
  admins: AdminMembership;
  /** What each private chat may still make the bot do this minute. */
  flood: FloodGuard;
  /** Pacing of outgoing messages; knows what waits for which chat. */
  throttle: SendThrottle;
  /** The start-up checks, for /periksa and when the bot's standing in a chat changes. */
  settings: SettingsMonitor;
  /** Tells the job worker that new jobs were committed, so it sends them without waiting for its poll. */
  wakeJobs(): void;
}

interface DepsFlavor {
  deps: AppDeps;
  /** Logger bound to this update. */
  log: Logger;
}

/** ctx.t writes Telegram HTML with its variables escaped (see translations in i18n.ts). */
interface RenderFlavor {
  t: LocaleTranslate;
  translate: LocaleTranslate;
}

/** The context inside a conversation: the same plugins, installed again by the conversation. */
export type ConversationContext = Context & Omit<I18nFlavor, "t" | "translate"> & RenderFlavor & DepsFlavor;
export type BotContext = ConversationFlavor<ConversationContext>;
