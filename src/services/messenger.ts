/**
 * The outbound messaging port: robot 1:1, robot group message, robot DING. `DingTalkMessenger` sends through the
 * DingTalk OpenAPI clients (rate limit, retries, token refresh and the monthly-quota stop live in their CallPolicy);
 * `OutboxMessenger` (demo mode) writes each message to the outbox table and the log instead.
 */
import { AuditRepository } from "../db/repositories/audit.repository.js";
import type { DingTalkAlert } from "../dingtalk/call-policy.js";
import { createDingTalkClients, type DingTalkClients } from "../dingtalk/dingtalk-clients.js";
import type { DingTalkOpenApiClient, RemindType } from "../dingtalk/openapi-client.js";
import type { RobotMsg } from "../dingtalk/robot-messages.js";
import { PacedMessenger, robotApiHeadroom } from "./paced-messenger.js";
import type { ServiceDeps } from "./service-deps.js";

/** A robot message: markdown, text or an action card (see dingtalk/robot-messages.ts `robotMsg`). */
export type OutboundMessage = RobotMsg;

/** Per-user outcome of a 1:1 send: DingTalk accepts the call and lists the users it could not reach. */
export interface UsersOutcome {
  /** DingTalk says these users do not exist (or left the org). */
  invalidUserIds: string[];
  /** DingTalk held these back (per-user flow control); try again later. */
  flowControlledUserIds: string[];
}

/** Outcome of a DING: reason → users it failed for. */
export interface DingOutcome {
  failed: Record<string, string[]>;
}

/** Sends robot messages and DINGs. Throws AppError when the call as a whole fails. */
export interface Messenger {
  /** False when nothing reaches DingTalk (demo outbox): DINGs are then not counted against quotas. */
  readonly live: boolean;
  sendToUsers(userIds: string[], message: OutboundMessage): Promise<UsersOutcome>;
  sendToGroup(conversationId: string, message: OutboundMessage): Promise<void>;
  sendDing(userIds: string[], text: string, remindType: RemindType): Promise<DingOutcome>;
  /** When metered sends are paused (DingTalk said the org's monthly API quota is used up): until when; else null. */
  pausedUntil(): Date | null;
}

/** The messenger over the DingTalk OpenAPI robot client (and its call policy, for the quota pause). */
export class DingTalkMessenger implements Messenger {
  readonly live = true;
  constructor(
    private readonly api: Pick<DingTalkOpenApiClient, "sendToUsers" | "sendToGroup" | "sendDing">,
    private readonly policy?: { readonly quotaBlockedUntil: Date | null },
  ) {}

  async sendToUsers(userIds: string[], message: OutboundMessage): Promise<UsersOutcome> {
    const r = await this.api.sendToUsers(userIds, message);
    return { invalidUserIds: r.invalidUserIds, flowControlledUserIds: r.flowControlledUserIds };
  }

  async sendToGroup(conversationId: string, message: OutboundMessage): Promise<void> {
    await this.api.sendToGroup(conversationId, message);
  }

  async sendDing(userIds: string[], text: string, remindType: RemindType): Promise<DingOutcome> {
    const r = await this.api.sendDing(userIds, text, remindType);
    return { failed: r.failed };
  }

  pausedUntil(): Date | null {
    return this.policy?.quotaBlockedUntil ?? null;
  }
}

/** Demo mode: every message lands in the outbox table (one row per recipient) and the log; nothing is sent. */
export class OutboxMessenger implements Messenger {
  readonly live = false;
  private readonly audit: AuditRepository;
  constructor(private readonly deps: Pick<ServiceDeps, "ds" | "clock" | "log">) {
    this.audit = new AuditRepository(deps.ds);
  }

  private async keep(channel: string, recipients: string[], payload: Record<string, unknown>): Promise<void> {
    const at = this.deps.clock.now();
    for (const r of recipients) await this.audit.addToOutbox(channel, r, payload, at);
    this.deps.log.info({ channel, recipients: recipients.length, title: payload.title ?? null }, "demo mode: message kept in the outbox, not sent");
  }

  async sendToUsers(userIds: string[], message: OutboundMessage): Promise<UsersOutcome> {
    await this.keep("robot", userIds, { msgKey: message.msgKey, ...message.msgParam });
    return { invalidUserIds: [], flowControlledUserIds: [] };
  }

  async sendToGroup(conversationId: string, message: OutboundMessage): Promise<void> {
    await this.keep("group", [conversationId], { msgKey: message.msgKey, ...message.msgParam });
  }

  async sendDing(userIds: string[], text: string, remindType: RemindType): Promise<DingOutcome> {
    await this.keep("ding", userIds, { remindType, content: text });
    return { failed: {} };
  }

  pausedUntil(): Date | null {
    return null;
  }
}

/**
 * The messenger for this configuration: the outbox in demo mode, otherwise DingTalk clients built from the config,
 * paced at settings.dingtalk.qps per API. Pass the clients main.ts already built to share one token (build them with
 * `qpsPerApi: robotApiHeadroom(qps)` so their backstop limiter does not undercut the pacing).
 */
export function createMessenger(deps: ServiceDeps, opts: { clients?: DingTalkClients; onAlert?: (a: DingTalkAlert) => void } = {}): Messenger {
  const dt = deps.config.dingtalk;
  if (!dt) return new OutboxMessenger(deps);
  const qps = deps.config.settings.dingtalk.qps;
  const clients = opts.clients ?? createDingTalkClients({
    clientId: dt.clientId, clientSecret: dt.clientSecret, robotCode: dt.robotCode, corpId: dt.corpId, apiBase: dt.apiBase,
    oapiBase: dt.oapiBase, clock: deps.clock, qps, qpsPerApi: robotApiHeadroom(qps), timeoutMs: deps.config.settings.dingtalk.timeoutMs,
    onAlert: opts.onAlert,
  });
  return new PacedMessenger(new DingTalkMessenger(clients.openApi, clients.policy), { qps });
}
