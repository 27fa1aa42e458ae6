import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import { FakeCore, type FakeApp, type FakeUser, type ScriptedFailure } from "./fake-core.js";
import { readRequest, sendJson } from "./fake-http.js";
import { handleOapi, oapiName } from "./fake-oapi.js";
import { handleOpenApi, openApiName } from "./fake-openapi.js";
import { FakeStreamGateway, type FakeConnection, type GatewayOptions } from "./fake-stream-gateway.js";

export type { FakeApp, FakeUser, ScriptedFailure } from "./fake-core.js";
export type { FakeConnection } from "./fake-stream-gateway.js";

/** Options for {@link FakeDingTalk.start}. */
export interface FakeDingTalkOptions {
  /** Port on 127.0.0.1 (0 = any free port). */
  port?: number;
  /** Apps the fake accepts; default one app, see {@link DEFAULT_FAKE_APP}. */
  apps?: Partial<FakeApp>[];
  tokenTtlSec?: number;
  /** Session webhook lifetime (real: 90 min). */
  sessionTtlMs?: number;
  /** Time source for tokens, tickets, sessions and records (default Date.now). */
  now?: () => number;
  gateway?: Partial<GatewayOptions>;
}

/** What a robot message pushed through the gateway looks like; everything has a realistic default. */
export interface PushRobotMessageOptions {
  text?: string;
  senderStaffId?: string;
  senderNick?: string;
  isAdmin?: boolean;
  /** "1" = 1:1 with the robot (default), "2" = group. */
  conversationType?: "1" | "2";
  conversationId?: string;
  conversationTitle?: string;
  msgtype?: string;
  atUsers?: { dingtalkId: string; staffId?: string }[];
  /** Reuse a msgId to simulate a duplicate push. */
  msgId?: string;
  clientId?: string;
  createAt?: number;
  sessionTtlMs?: number;
  /** Extra or overriding payload fields. */
  extra?: Record<string, unknown>;
}

/** The default fake app (synthetic identifiers). */
export const DEFAULT_FAKE_APP: FakeApp = {
  clientId: "dingfakeclient0001",
  clientSecret: "fake-secret-0001",
  robotCode: "dingfakeclient0001",
  corpId: "dingfakecorp0001",
  appId: "6a1f0c2e-0000-4000-8000-000000000001",
};

/**
 * A local DingTalk: one HTTP server on 127.0.0.1 speaking the real protocols over real sockets — the Stream gateway
 * (open-connection + WebSocket frames, ACKs, redelivery, random routing, scripted disconnects), the v1.0 OpenAPI, the
 * legacy oapi and the session-webhook receiver — recording everything it receives for assertions.
 */
export class FakeDingTalk {
  readonly core: FakeCore;
  readonly gateway: FakeStreamGateway;
  private constructor(
    private readonly server: Server,
    core: FakeCore,
    gateway: FakeStreamGateway,
    private readonly sessionTtlMs: number,
  ) {
    this.core = core;
    this.gateway = gateway;
  }

  /** Starts the fake and resolves once it listens. */
  static async start(opts: FakeDingTalkOptions = {}): Promise<FakeDingTalk> {
    const core = new FakeCore(opts.now ?? Date.now, opts.tokenTtlSec ?? 7200);
    for (const a of opts.apps ?? [{}]) {
      const app = { ...DEFAULT_FAKE_APP, ...a };
      core.apps.set(app.clientId, { ...app, robotCode: a.robotCode ?? app.clientId });
    }
    const gateway = new FakeStreamGateway(core, {
      redeliveryDelayMs: 60_000,
      maxDeliveries: 3,
      pingIntervalMs: 0,
      disconnectCloseAfterMs: 10_000,
      ticketTtlMs: 90_000,
      routing: "random",
      ...opts.gateway,
    });
    const server = createServer((req, res) => {
      void (async () => {
        const r = await readRequest(req);
        if (r.method === "POST" && r.path === "/v1.0/gateway/connections/open") return gateway.handleOpen(r, res);
        const v1 = openApiName(r);
        if (v1) return handleOpenApi(core, v1, r, res);
        const legacy = oapiName(r);
        if (legacy) return handleOapi(core, legacy, r, res);
        sendJson(res, 404, { code: "NotFound", message: `fake DingTalk has no route ${r.method} ${r.path}` });
      })().catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { code: "system.error", message: String(err) });
      });
    });
    server.on("upgrade", (req, socket, head) => gateway.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
    core.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FakeDingTalk(server, core, gateway, opts.sessionTtlMs ?? 90 * 60_000);
  }

  /** Base URL for both DINGTALK_API_BASE and DINGTALK_OAPI_BASE. */
  get baseUrl(): string {
    return this.core.baseUrl;
  }

  /** Open-connection URL for the stream client. */
  get gatewayUrl(): string {
    return `${this.baseUrl}/v1.0/gateway/connections/open`;
  }

  /** The first (default) app. */
  get app(): FakeApp {
    return [...this.core.apps.values()][0];
  }

  /** Environment variables that point the service at this fake. */
  env(clientId = this.app.clientId): Record<string, string> {
    const app = this.core.apps.get(clientId) ?? this.app;
    return {
      DINGTALK_API_BASE: this.baseUrl,
      DINGTALK_OAPI_BASE: this.baseUrl,
      DINGTALK_CLIENT_ID: app.clientId,
      DINGTALK_CLIENT_SECRET: app.clientSecret,
      DINGTALK_ROBOT_CODE: app.robotCode,
      DINGTALK_CORP_ID: app.corpId,
    };
  }

  /** Robot messages accepted by the OpenAPI (1:1, group, DING). */
  get sent() {
    return this.core.sent;
  }
  /** Replies posted to session webhooks. */
  get replies() {
    return this.core.replies;
  }
  /** Every HTTP request answered, with its outcome. */
  get requests() {
    return this.core.requests;
  }
  /** Token issuances (v1.0 and legacy). */
  get tokenRequests() {
    return this.core.tokenRequests;
  }
  /** Stream connections, open and closed. */
  get connections(): FakeConnection[] {
    return this.gateway.connections;
  }
  /** Gateway records: open-connection calls, deliveries, ACKs, pongs, malformed upstream frames, refused upgrades. */
  get stream() {
    return this.gateway.records;
  }

  /** Open, non-draining connections (of one app, or all). */
  openConnections(clientId?: string): FakeConnection[] {
    return this.connections.filter((c) => c.closedAt === null && !c.draining && (!clientId || c.clientId === clientId));
  }

  /** Requests recorded for one API name (e.g. "robot.batchSend"). */
  requestsFor(api: string) {
    return this.requests.filter((r) => r.api === api);
  }

  /** Pushes a robot message (topic /v1.0/im/bot/messages/get) to one of the app's connections; returns its msgId. */
  pushRobotMessage(o: PushRobotMessageOptions = {}): string {
    const app = this.core.apps.get(o.clientId ?? this.app.clientId);
    if (!app) throw new Error(`fake: unknown app ${o.clientId}`);
    const msgId = o.msgId ?? `msg${randomBytes(12).toString("base64").replace(/[+/=]/g, "")}==`;
    const createAt = o.createAt ?? this.core.now();
    const conversationType = o.conversationType ?? "1";
    const conversationId = o.conversationId ?? `cid${randomBytes(10).toString("base64").replace(/[+/=]/g, "")}==`;
    const session = randomUUID().replaceAll("-", "");
    const expiresAt = createAt + (o.sessionTtlMs ?? this.sessionTtlMs);
    this.core.sessions.set(session, { conversationId, msgId, expiresAt });
    const staffId = o.senderStaffId ?? "user0001";
    const payload: Record<string, unknown> = {
      conversationId,
      conversationType,
      ...(conversationType === "2" ? { conversationTitle: o.conversationTitle ?? "示例项目群", isInAtList: true } : {}),
      atUsers: o.atUsers ?? (conversationType === "2" ? [{ dingtalkId: "$:LWCP_v1:$fakeRobot" }] : undefined),
      chatbotCorpId: app.corpId,
      chatbotUserId: "$:LWCP_v1:$fakeRobot",
      msgId,
      senderNick: o.senderNick ?? "测试用户",
      isAdmin: o.isAdmin ?? false,
      senderStaffId: staffId,
      senderCorpId: app.corpId,
      senderId: `$:LWCP_v1:$${Buffer.from(staffId).toString("base64")}`,
      senderPlatform: "Mac",
      createAt,
      sessionWebhook: `${this.baseUrl}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: expiresAt,
      robotCode: app.robotCode,
      msgtype: o.msgtype ?? "text",
      ...((o.msgtype ?? "text") === "text" ? { text: { content: o.text ?? "帮助" } } : {}),
      ...o.extra,
    };
    this.gateway.pushCallback(app.clientId, app.appId, msgId, payload);
    return msgId;
  }

  /** The session webhook URL and expiry (epoch ms) that were put into the pushed message `msgId`. */
  sessionWebhookFor(msgId: string): { url: string; expiresAt: number } {
    for (const [session, s] of this.core.sessions) {
      if (s.msgId === msgId) return { url: `${this.baseUrl}/robot/sendBySession?session=${session}`, expiresAt: s.expiresAt };
    }
    throw new Error(`fake: no session webhook for ${msgId}`);
  }

  /** Resolves once `predicate(this)` holds; re-checked on every recorded event. Rejects after `timeoutMs`. */
  waitFor(predicate: (fake: FakeDingTalk) => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake DingTalk: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.core.off("change", check);
      };
      this.core.on("change", check);
    });
  }

  /** Sends `SYSTEM/disconnect` and closes the socket `closeAfterMs` later (default 10 s, as DingTalk does). */
  disconnect(connectionId: string, opts: { reason?: string; closeAfterMs?: number } = {}): void {
    this.gateway.disconnect(connectionId, opts.reason, opts.closeAfterMs);
  }
  /** Drops a connection abruptly (TCP reset). */
  kill(connectionId: string): void {
    this.gateway.kill(connectionId);
  }
  /** Sends raw text on a connection (malformed frames). */
  sendRaw(connectionId: string, text: string | Buffer): void {
    this.gateway.sendRaw(connectionId, text);
  }
  /** Sends `SYSTEM/ping`. */
  ping(connectionId: string): void {
    this.gateway.ping(connectionId);
  }
  /** Loses the next `n` callback ACKs so those messages are redelivered. */
  dropAcks(n: number): void {
    this.gateway.dropAcks(n);
  }
  /** Refuses WebSocket upgrades with this HTTP status (null = accept). */
  refuseUpgrades(status: number | null): void {
    this.gateway.refuseUpgradeStatus = status;
  }
  /** Fails the next `times` requests to `api` ("*" = any non-token API) the way DingTalk would. */
  failNext(api: string, failure: ScriptedFailure, times = 1): void {
    this.core.failNext(api, failure, times);
  }
  /** Org monthly quota switch: metered APIs answer ApiCountLimitForOrg while on. */
  setQuotaExhausted(on: boolean): void {
    this.core.quotaExhausted = on;
  }
  /** Enforces a per-(app, API) QPS limit like DingTalk (null = unlimited). */
  setQpsLimit(qps: number | null): void {
    this.core.qpsLimit = qps;
  }
  /** Invalidates all issued tokens (expiry mid-run). */
  expireTokens(): void {
    this.core.expireTokens();
  }
  /** Adds an org member to the directory. */
  addUser(u: Partial<FakeUser> & { userid: string }): FakeUser {
    const user: FakeUser = { name: `用户${u.userid}`, unionid: `union-${u.userid}`, sysLevel: 0, ...u };
    this.core.users.set(user.userid, user);
    return user;
  }
  /** Issues a single-use free-login code for a user. */
  issueAuthCode(userid: string, ttlMs?: number): string {
    return this.core.issueAuthCode(userid, ttlMs);
  }
  /** batchSend/DING report these users as invalid. */
  markInvalidUsers(ids: string[]): void {
    ids.forEach((id) => this.core.invalidUsers.add(id));
  }
  /** batchSend reports these users as flow-controlled. */
  markFlowControlled(ids: string[]): void {
    ids.forEach((id) => this.core.flowControlledUsers.add(id));
  }
  /** Expires every session webhook issued so far. */
  expireSessions(): void {
    for (const s of this.core.sessions.values()) s.expiresAt = 0;
  }

  /** Stops the server, its timers and every socket. */
  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
