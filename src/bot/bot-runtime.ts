import type { Config } from "../config/index.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { Timers } from "../lib/timers.js";
import type { ReadinessSource } from "../services/health.service.js";
import { AdminDirectory } from "./admin-directory.js";
import type { BotMetrics, BotOutcome, BotServices, ClaimRetryOptions, ClauseSearch, Replier } from "./bot-context.js";
import { createDingTalkReplier, type ReplyFallback } from "./dingtalk-replier.js";
import { createPipeline, type BotPipeline } from "./pipeline.js";
import { DingTalkStreamClient, type StreamClientOptions } from "./stream-client.js";

/** The slice of a stream client the runtime drives (DingTalkStreamClient, or a test double). */
export interface BotStreamClient {
  readonly state: string;
  readonly counters: { messages: number; duplicates: number; errors: number };
  start(): void;
  stop(): Promise<void>;
}

/** What {@link startBot} wires together. */
export interface StartBotOptions {
  services: BotServices;
  config: Config;
  log: Logger;
  clock: Clock;
  /**
   * Dedupe port shared by all instances (e.g. ClaimsRepository.claimMessage with this instance's id). The pipeline
   * claims each message through it, retrying while it throws (database down), see `claimRetry`.
   */
  claimMessage: (msgId: string) => Promise<boolean>;
  /** Backoff and budget of claim retries (defaults: 0.5 s doubling to 8 s, 60 s in all). */
  claimRetry?: ClaimRetryOptions;
  /** Timers of the claim retries (default: real timers; tests pass virtual ones). */
  timers?: Timers;
  /** Where `steward_bot_messages_total` and `steward_bot_claim_retries_total` are counted (createMetrics' bundle). */
  metrics?: BotMetrics;
  /** DingTalk clients: `oapi.listAdmins` for the admin list; `openApi` (or `messenger`) for 1:1/group fallback sends. */
  dingtalk?: { oapi?: { listAdmins(): Promise<{ userid: string }[]> }; openApi?: ReplyFallback };
  /** The reminder Messenger (sendToUsers/sendToGroup); preferred over `dingtalk.openApi` for fallback sends. */
  messenger?: ReplyFallback;
  /** The parser's clause index (main.ts passes it; the bot layer may not import the parser). */
  searchClauses?: ClauseSearch;
  /** Replaces the DingTalk replier (tests, demo mode with an outbox). */
  replier?: Replier;
  /** Builds the stream client (tests and benchmarks); defaults to DingTalkStreamClient. */
  streamClientFactory?: (opts: StreamClientOptions) => BotStreamClient;
  fetch?: typeof fetch;
  /** Called on every Stream connection state change (idle, connecting, open, backoff, stopped). */
  onStreamState?: (state: string) => void;
}

/** Applies an org event through the services and drops the cached admin list when the admins changed. */
function orgEventHandler(handle: NonNullable<BotServices["handleOrgEvent"]>, directory: AdminDirectory | undefined) {
  return async (headers: Record<string, unknown>, data: string): Promise<void> => {
    const r = await handle(headers, data);
    if (r.adminsChanged) directory?.invalidate();
  };
}

/** A running bot: its pipeline (also usable by other entry points), readiness for /readyz, and stop. */
export interface RunningBot {
  pipeline: BotPipeline;
  client: BotStreamClient | null;
  readiness: ReadinessSource;
  stop(): Promise<void>;
}

/**
 * Builds the bot pipeline and, unless in demo mode, connects it to DingTalk Stream: each robot message is ACKed by the
 * stream client, then claimed by the pipeline (held and retried while the database is down) and answered through the
 * session webhook (robot 1:1 / group send once it expired). `stop()` first releases messages still waiting for their
 * claim (they get the "try again" answer). In demo mode (no credentials) there is no connection; the pipeline is
 * still returned, and readiness reports demo.
 */
export function startBot(o: StartBotOptions): RunningBot {
  const dt = o.config.dingtalk;
  const fallback = o.messenger ?? o.dingtalk?.openApi;
  const unavailable: ReplyFallback = {
    sendToUsers: async () => o.log.warn("bot: session webhook expired and no robot sender is configured; reply dropped"),
    sendToGroup: async () => o.log.warn("bot: session webhook expired and no robot sender is configured; reply dropped"),
  };
  const replier = o.replier ?? createDingTalkReplier({
    clock: o.clock, log: o.log, fallback: fallback ?? unavailable, fetch: o.fetch, timeoutMs: o.config.settings.dingtalk.timeoutMs,
    allowedOrigins: [...new Set(["https://oapi.dingtalk.com", o.config.oapiBase, o.config.apiBase])],
  });
  const listAdmins = o.dingtalk?.oapi ? () => o.dingtalk!.oapi!.listAdmins() : null;
  const adminDirectory = !o.config.demo && listAdmins
    ? new AdminDirectory({ listAdmins, clock: o.clock, ttlSeconds: o.config.settings.dingtalk.adminCacheSeconds, log: o.log })
    : undefined;
  const shutdown = new AbortController();
  const pipeline = createPipeline({
    services: o.services, config: o.config, clock: o.clock, log: o.log, replier, claimMessage: o.claimMessage, adminDirectory, searchClauses: o.searchClauses,
    timers: o.timers, claimRetry: o.claimRetry, signal: shutdown.signal, metrics: o.metrics,
  });
  if (!dt) {
    return {
      pipeline, client: null,
      readiness: { name: "bot", check: () => ({ ok: true, detail: { mode: "demo" } }) },
      stop: async () => shutdown.abort(),
    };
  }
  const outcomes = new Map<BotOutcome, number>();
  const streamOptions: StreamClientOptions = {
    clientId: dt.clientId, clientSecret: dt.clientSecret, gatewayUrl: dt.gatewayUrl, logger: o.log,
    fetch: o.fetch, onStateChange: o.onStreamState,
    onMessage: async (message, meta) => {
      const ctx = await pipeline(message, { meta });
      if (ctx.outcome) outcomes.set(ctx.outcome, (outcomes.get(ctx.outcome) ?? 0) + 1);
    },
    ...(o.services.handleOrgEvent ? { onEvent: orgEventHandler(o.services.handleOrgEvent, adminDirectory) } : {}),
  };
  const client = o.streamClientFactory ? o.streamClientFactory(streamOptions) : new DingTalkStreamClient(streamOptions);
  client.start();
  return {
    pipeline, client,
    readiness: {
      name: "bot",
      check: () => {
        const c = client.counters;
        const n = (k: BotOutcome) => outcomes.get(k) ?? 0;
        return {
          ok: client.state === "open",
          detail: { state: client.state, messages: c.messages - n("deduped"), duplicates: c.duplicates + n("deduped"), errors: c.errors + n("error"), unavailable: n("unavailable") },
        };
      },
    },
    stop: async () => {
      shutdown.abort();
      await client.stop();
    },
  };
}
