import type { Config } from "../config/index.js";
import type { Clause } from "../domain/model.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { Metrics } from "../lib/metrics.js";
import type { Timers } from "../lib/timers.js";
import type { Services } from "../services/create-services.js";
import type { RobotMessage, RobotMessageMeta } from "./robot-message.js";
import type { Lang } from "./text-normalize.js";

/** One markdown reply: `title` is what DingTalk shows in notifications, `text` the body. */
export interface BotReply {
  title: string;
  text: string;
}

/** Sends a reply into the conversation a message came from (session webhook, robot 1:1, or stdout offline). */
export interface Replier {
  send(message: RobotMessage, reply: BotReply): Promise<void>;
}

/** Reminder use cases the chat offers; optional so the bot degrades to "not enabled" without them. */
export type BotReminderServices = Pick<Services, "listUpcoming" | "snoozeReminder" | "acknowledgeReminder" | "subscribe" | "unsubscribe" | "reminderRecipients">;

/** The use cases the bot calls (a subset of `createServices`, so unit tests can pass fakes). */
export type BotServices = Pick<Services, "requireOverview" | "recordUsage" | "undoLastUsage" | "declareRenewal" | "requestConfirmation" | "takeConfirmation" | "cancelConfirmation">
  & Partial<BotReminderServices> & Partial<Pick<Services, "handleOrgEvent" | "undoRenewal">>;

/** Clause search over a contract's clauses (the parser's index when wired; a built-in keyword search otherwise). */
export type ClauseSearch = (clauses: Clause[], query: string, limit: number) => Clause[];

/** The configuration the bot reads. */
export type BotConfig = Pick<Config, "admins" | "demo" | "timezone" | "settings">;

/** Answers "is this userid an org admin?" (payload flag, allowlist, DingTalk's admin list). */
export interface AdminCheck {
  isAdmin(staffId: string): Promise<boolean>;
}

/** The Prometheus series the bot counts into (createMetrics' bundle fits). */
export type BotMetrics = Pick<Metrics, "botMessages" | "botClaimRetries">;

/** How long a message whose claim fails (database down) is held and retried before the sender is told to retry. */
export interface ClaimRetryOptions {
  /** First retry delay (default 500 ms); doubles each time. */
  baseMs?: number;
  /** Longest delay between two attempts (default 8 s). */
  maxMs?: number;
  /** Total time a message may wait (default 60 s). */
  budgetMs?: number;
  /** Time kept in hand before the session webhook expires, for the answer (default 5 s). */
  webhookMarginMs?: number;
  /** Jitter source in [0, 1) (default Math.random; tests pass `() => 0`). */
  random?: () => number;
}

/** How one message ended, for `steward_bot_messages_total{outcome}`. */
export type BotOutcome = "answered" | "refused_non_admin" | "refused_group" | "deduped" | "error" | "unavailable" | "ignored";

/** Everything the pipeline is built from. */
export interface PipelineDeps {
  services: BotServices;
  config: BotConfig;
  clock: Clock;
  log: Logger;
  replier: Replier;
  /** Dedupe port: true for the first claim of a msgId (shared by all instances); throws when the database is down. */
  claimMessage: (msgId: string) => Promise<boolean>;
  /** Timers for the claim retries (default: real timers). */
  timers?: Timers;
  claimRetry?: ClaimRetryOptions;
  /** Aborted on shutdown: a message still waiting for its claim gets the "try again" answer at once. */
  signal?: AbortSignal;
  metrics?: BotMetrics;
  /** DingTalk's admin list (cached); omitted in demo/offline mode. */
  adminDirectory?: AdminCheck;
  searchClauses?: ClauseSearch;
}

/** A matched intent and its parameters. */
export interface RouteMatch {
  intent: Intent<unknown>;
  params: unknown;
}

/** Who wrote, and where. */
export interface Sender {
  staffId: string | null;
  nick: string | null;
  isAdmin: boolean;
  /** Why the sender counts as an admin (for logs), or null. */
  adminVia: "payload" | "allowlist" | "directory" | null;
}

/** The conversation a message came from; `privileged` = a group listed in STEWARD_ADMIN_GROUPS (or a 1:1 chat). */
export interface Conversation {
  isGroup: boolean;
  id: string;
  privileged: boolean;
}

/** The state one message carries through the pipeline. */
export interface BotContext {
  readonly message: RobotMessage;
  readonly meta: RobotMessageMeta | null;
  readonly deps: PipelineDeps;
  /** The transport already claimed this msgId (the stream client does), so dedupe passes it. */
  readonly claimed: boolean;
  /** The user's text, cleaned (NFKC, mentions removed), for echoing; "" when there is none. */
  rawText: string;
  /** The form intents match on (lower case, typos corrected). */
  text: string;
  lang: Lang;
  sender: Sender;
  conversation: Conversation;
  route: RouteMatch | null;
  /** How the message ended; set by the step that decided (null while it runs, then "answered" or "ignored"). */
  outcome: BotOutcome | null;
  /** Replies sent so far (tests and the CLI read them). */
  readonly sent: BotReply[];
  /** Sends a reply through the replier and records it. */
  reply(reply: BotReply): Promise<void>;
}

/**
 * One thing the bot understands. `match` is pure (normalized text in, params or null out); the first match of the
 * ordered table wins. Intents are admin-only unless `adminOnly: false`; `sensitive` ones (money: amount, invoice,
 * penalty) are shown in groups only when the group is listed in STEWARD_ADMIN_GROUPS; so are commands that `write`.
 */
export interface Intent<P> {
  name: string;
  /** Real phrasings (Chinese first, then English); fallback suggestions rank against them. */
  examples: { zh: readonly string[]; en: readonly string[] };
  match(text: string): P | null;
  sensitive?: boolean;
  adminOnly?: boolean;
  /** True (or true for these params) when the command changes stored state: allowed only in 1:1 chats and admin groups. */
  writes?: boolean | ((params: P) => boolean);
  handle(ctx: BotContext, params: P): Promise<void>;
}
