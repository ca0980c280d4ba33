import { Bot, type BotConfig, type MiddlewareFn } from "grammy";
import { conversations } from "@grammyjs/conversations";
import type { AppDeps, BotContext, ConversationContext } from "./context.js";
import { conversationStorage } from "./conversation-storage.js";
import { errorBoundary } from "./error-boundary.js";
import { privateFloodGuard } from "./flood-guard.js";
import { translations } from "./i18n.js";
import { welcomeFeature } from "./features/welcome.js";
import { chatIdFeature } from "./features/chat-id.js";
import { adminMembersFeature } from "./features/admin-members.js";
import { settingsFeature } from "./features/settings.js";
import { adminHelpFeature } from "./features/admin-help.js";
import { unhandledFeature } from "./features/unhandled.js";
import { onboardingFeature } from "./features/onboarding.js";
import { submissionFeature } from "./features/submission.js";
import { guidedSubmissionFeature } from "./features/guided-submission.js";
import { adminRegistryFeature } from "./features/admin-registry.js";
import { reviewFeature } from "./features/review.js";
import { hoaxToolsFeature } from "./features/hoax-tools.js";
import { recheckFeature } from "./features/recheck.js";
import type { ScreeningLines } from "./review-card.js";
import { activityFeature } from "./features/activity.js";
import { dashboardFeature } from "./features/dashboard.js";
import { observeTransformer, type TelegramCallObserver } from "../telegram/observe.js";
import { retryTransformer } from "../telegram/retry.js";
import { harmlessErrorsTransformer } from "../telegram/harmless.js";
import type { ReminderScheduler } from "./reminders.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { SendThrottle } from "../telegram/throttle.js";

/** Update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "chat_member", "channel_post"] as const;

export interface BotApiOptions {
  throttle: SendThrottle;
  logger: Logger;
  retryDelayMs?: number;
  observe?: TelegramCallObserver;
}

/**
 * The bot and its API, with the transformers every call goes through, and no features yet: the
 * queue's handlers, the screening and the checks need the API before the features exist.
 */
export function createBotWithApi(config: Config, botConfig: Partial<BotConfig<BotContext>> | undefined, opts: BotApiOptions): Bot<BotContext> {
  if (!config.botToken) throw new Error("BOT_TOKEN is required to create the bot");
  const bot = new Bot<BotContext>(config.botToken, {
    ...botConfig,
    client: { apiRoot: config.apiRoot, ...botConfig?.client },
  });

  // Transformers: the last installed runs first. The observer is next to the wire: it sees every
  // attempt (metrics, and when Telegram last answered). The retries wrap the throttle, so every
  // retry waits for its turn too.
  if (opts.observe) bot.api.config.use(observeTransformer(opts.observe));
  bot.api.config.use(opts.throttle.transformer());
  // Short flood waits, 5xx and dropped connections are retried in place, a few times; what still
  // fails reaches the caller: the durable queue reschedules its jobs, the inbox re-runs its updates.
  bot.api.config.use(
    retryTransformer({
      baseDelayMs: opts.retryDelayMs,
      onRetry: (r) => opts.logger.debug({ method: r.method, attempt: r.attempt, reason: r.reason }, "telegram: retrying a call"),
    }),
  );
  // Outermost: an unchanged edit or a callback answer that came too late never fails a handler.
  bot.api.config.use(
    harmlessErrorsTransformer((method, description) => opts.logger.debug({ method, description }, "telegram: ignored a harmless error")),
  );
  return bot;
}

/** Installs the plugins and features: one Composer per feature (src/bot/features). */
export function installFeatures(
  bot: Bot<BotContext>,
  deps: AppDeps,
  extras: { screeningLines?: ScreeningLines; reminders?: ReminderScheduler } = {},
): Bot<BotContext> {
  const { config } = deps;
  const injectDeps: MiddlewareFn<ConversationContext> = async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id });
    await next();
  };
  const i18n = translations<ConversationContext>(config.defaultLocale);
  bot.use(injectDeps, i18n);

  const features = bot.errorBoundary(errorBoundary);
  features.use(privateFloodGuard);
  features.use(
    conversations<BotContext, ConversationContext>({
      storage: { type: "key", version: 1, adapter: conversationStorage(deps.db) },
    }),
  );
  features.use(adminMembersFeature);
  features.use(settingsFeature);
  features.use(adminHelpFeature);
  features.use(dashboardFeature()); // issue 13: /dasbor, before the private chat's drafts
  features.use(chatIdFeature);
  features.use(guidedSubmissionFeature([injectDeps, i18n]));
  features.use(onboardingFeature);
  features.use(adminRegistryFeature);
  features.use(hoaxToolsFeature);
  features.use(recheckFeature()); // issue 11: delete button of re-check alerts
  if (extras.reminders) features.use(activityFeature(extras.reminders));
  features.use(
    reviewFeature((ctx) => ({ api: ctx.api, db: deps.db, config, clock: deps.clock, translate: deps.translate, screeningLines: extras.screeningLines })),
  );
  features.use(submissionFeature);
  features.use(welcomeFeature);
  features.use(unhandledFeature);
  return bot;
}
