/**
 * The bot pipeline: countOutcome → errorBoundary → dedupe → textOnly → identifySender → routeIntent → authorize →
 * groupPrivacy → handleIntent. Each step is a named `(ctx, next)` middleware (tested alone); the same pipeline serves
 * DingTalk Stream, the offline chat and tests. Dedupe claims the msgId (retrying while the database is down) before
 * the text check, so a redelivered picture is not answered twice.
 */
import type { BotContext, BotReply, Intent, PipelineDeps } from "./bot-context.js";
import { compose, type Middleware } from "./compose.js";
import { countOutcome } from "./middleware/count-outcome.middleware.js";
import { FALLBACK_INTENT, INTENTS } from "./intents/index.js";
import { authorize } from "./middleware/authorize.middleware.js";
import { dedupe } from "./middleware/dedupe.middleware.js";
import { errorBoundary } from "./middleware/error-boundary.middleware.js";
import { groupPrivacy } from "./middleware/group-privacy.middleware.js";
import { handleIntent } from "./middleware/handle-intent.middleware.js";
import { identifySender } from "./middleware/identify-sender.middleware.js";
import { routeIntent } from "./middleware/route-intent.middleware.js";
import { textOnly } from "./middleware/text-only.middleware.js";
import type { RobotMessage, RobotMessageMeta } from "./robot-message.js";

/** How a message entered: `claimed` when the transport already claimed its msgId. */
export interface DispatchOptions {
  claimed?: boolean;
  meta?: RobotMessageMeta;
}

/** Runs one message through the pipeline; resolves with its context (replies in `sent`). Never rejects for handler errors. */
export type BotPipeline = (message: RobotMessage, opts?: DispatchOptions) => Promise<BotContext>;

/** A fresh context for one message; `reply` goes through the deps' replier and is recorded in `sent`. */
export function createBotContext(message: RobotMessage, deps: PipelineDeps, opts: DispatchOptions = {}): BotContext {
  const sent: BotReply[] = [];
  const isGroup = message.conversationType === "2";
  return {
    message, deps, meta: opts.meta ?? null, claimed: opts.claimed ?? false,
    rawText: "", text: "", lang: "zh", route: null, outcome: null, sent,
    sender: { staffId: message.senderStaffId ?? null, nick: message.senderNick ?? null, isAdmin: false, adminVia: null },
    conversation: { isGroup, id: message.conversationId, privileged: false },
    async reply(r) {
      await deps.replier.send(message, r);
      sent.push(r);
    },
  };
}

/** The middleware in order (exported so tests can run a prefix or inspect the names). */
export function botMiddleware(intents: readonly Intent<unknown>[] = INTENTS, fallback: Intent<unknown> = FALLBACK_INTENT): Middleware<BotContext>[] {
  return [countOutcome(), errorBoundary(), dedupe(), textOnly(), identifySender(), routeIntent(intents, fallback), authorize(), groupPrivacy(), handleIntent()];
}

/** Builds the pipeline over its dependencies. */
export function createPipeline(deps: PipelineDeps, intents?: readonly Intent<unknown>[]): BotPipeline {
  const run = compose(botMiddleware(intents));
  return async (message, opts) => {
    const ctx = createBotContext(message, deps, opts);
    await run(ctx);
    return ctx;
  };
}
