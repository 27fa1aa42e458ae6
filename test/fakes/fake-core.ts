import { EventEmitter } from "node:events";
import { randomBytes, randomUUID } from "node:crypto";

/** An internal app the fake knows. */
export interface FakeApp {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  corpId: string;
  /** Unified app id (UUID) that appears in frame headers. */
  appId: string;
}

/** An org member in the fake's directory. `sysLevel`: 1 super admin, 2 sub admin, 100 boss, 0 other. */
export interface FakeUser {
  userid: string;
  name: string;
  unionid: string;
  sysLevel: 0 | 1 | 2 | 100;
  title?: string;
  active?: boolean;
  deptIds?: number[];
}

/** Every HTTP request the fake answered. `api` uses the client's API names (e.g. "robot.batchSend"). */
export interface RecordedRequest {
  api: string;
  method: string;
  path: string;
  at: number;
  status: number;
  outcome: "ok" | "throttled" | "invalid_token" | "quota" | "scripted" | "error";
  clientId?: string;
}

/** A robot message DingTalk accepted for delivery (OpenAPI sends). `msgParam` is parsed back from its JSON string. */
export interface SentMessage {
  api: "robot.batchSend" | "robot.groupSend" | "robot.ding";
  at: number;
  robotCode: string;
  userIds: string[];
  openConversationId?: string;
  msgKey?: string;
  msgParam?: Record<string, unknown>;
  content?: string;
  remindType?: number;
  /** The key DingTalk answered a 1:1 send with (read status, recall). */
  processQueryKey?: string;
}

/** A reply posted to a session webhook. */
export interface SessionReply {
  session: string;
  conversationId: string;
  /** msgId of the robot message whose webhook was used. */
  inReplyTo: string;
  at: number;
  body: Record<string, unknown>;
}

/** A failure the fake returns on the next matching request(s). */
export type ScriptedFailure =
  | "throttle"
  | "invalid_token"
  | "quota"
  | "server_error"
  /** Never answer (timeout tests); the socket is released when the fake closes. */
  | "hang"
  | { status: number; body: Record<string, unknown> };

interface Script {
  api: string;
  failure: ScriptedFailure;
  remaining: number;
}

/** APIs that count toward the org's monthly quota in the fake (token, identity and contacts APIs do not). */
export const METERED_APIS = new Set(["robot.batchSend", "robot.groupSend", "robot.ding", "storage.org"]);
const TOKEN_APIS = new Set(["oauth2.accessToken", "oapi.gettoken"]);

/** Shared state of the fake DingTalk: apps, tokens, toggles and every recorded interaction. Emits "change". */
export class FakeCore extends EventEmitter {
  readonly apps = new Map<string, FakeApp>();
  readonly users = new Map<string, FakeUser>();
  readonly requests: RecordedRequest[] = [];
  readonly tokenRequests: { clientId: string; api: string; at: number }[] = [];
  readonly sent: SentMessage[] = [];
  readonly replies: SessionReply[] = [];
  readonly sessions = new Map<string, { conversationId: string; msgId: string; expiresAt: number }>();
  readonly authCodes = new Map<string, { userid: string; expiresAt: number }>();
  readonly invalidUsers = new Set<string>();
  readonly flowControlledUsers = new Set<string>();
  storagePartitions: { partitionType: string; quota: { max: number; used: number; reserved: number; type: string } }[] = [
    { partitionType: "PUBLIC_OSS_PARTITION", quota: { max: 1024 ** 4, used: 123 * 1024 ** 3, reserved: 0, type: "SHARE" } },
  ];
  quotaExhausted = false;
  qpsLimit: number | null = null;
  baseUrl = "";
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly scripts: Script[] = [];
  private readonly windows = new Map<string, number[]>();

  constructor(
    readonly now: () => number,
    readonly tokenTtlSec: number,
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** Notifies waiters that something was recorded. */
  changed(): void {
    this.emit("change");
  }

  /** Records a request and notifies. */
  record(r: Omit<RecordedRequest, "at">): void {
    this.requests.push({ ...r, at: this.now() });
    this.changed();
  }

  /** Finds the app by credentials (null when wrong). */
  authenticate(clientId: unknown, clientSecret: unknown): FakeApp | null {
    const app = typeof clientId === "string" ? this.apps.get(clientId) : undefined;
    return app && app.clientSecret === clientSecret ? app : null;
  }

  /** Issues (or re-issues and extends, like DingTalk) the app's token. */
  issueToken(app: FakeApp, api: string): { token: string; expiresInSec: number } {
    this.tokenRequests.push({ clientId: app.clientId, api, at: this.now() });
    const expiresAt = this.now() + this.tokenTtlSec * 1000;
    for (const [token, t] of this.tokens) {
      if (t.clientId === app.clientId && t.expiresAt > this.now()) {
        t.expiresAt = expiresAt;
        return { token, expiresInSec: this.tokenTtlSec };
      }
    }
    const token = `fake-token-${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, { clientId: app.clientId, expiresAt });
    return { token, expiresInSec: this.tokenTtlSec };
  }

  /** The app a token belongs to, or null when unknown/expired. */
  tokenOwner(token: unknown): FakeApp | null {
    const t = typeof token === "string" ? this.tokens.get(token) : undefined;
    if (!t || t.expiresAt <= this.now()) return null;
    return this.apps.get(t.clientId) ?? null;
  }

  /** Invalidates every issued token (simulates expiry mid-run). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Queues a failure for the next `times` requests to `api` ("*" = any non-token API). */
  failNext(api: string, failure: ScriptedFailure, times = 1): void {
    this.scripts.push({ api, failure, remaining: times });
  }

  /** Takes the scripted failure for this request, if any. */
  takeScript(api: string): ScriptedFailure | null {
    const s = this.scripts.find((x) => x.remaining > 0 && (x.api === api || (x.api === "*" && !TOKEN_APIS.has(api))));
    if (!s) return null;
    s.remaining -= 1;
    return s.failure;
  }

  /** Sliding 1 s window per (app, API): true when this request exceeds `qpsLimit`. */
  overQps(clientId: string, api: string): boolean {
    if (this.qpsLimit === null || TOKEN_APIS.has(api)) return false;
    const key = `${clientId}|${api}`;
    const now = this.now();
    const w = (this.windows.get(key) ?? []).filter((t) => now - t < 1000);
    if (w.length >= this.qpsLimit) {
      this.windows.set(key, w);
      return true;
    }
    w.push(now);
    this.windows.set(key, w);
    return false;
  }

  /** Creates a single-use free-login code for a user (5 min). */
  issueAuthCode(userid: string, ttlMs = 5 * 60_000): string {
    const code = randomUUID().replaceAll("-", "");
    this.authCodes.set(code, { userid, expiresAt: this.now() + ttlMs });
    return code;
  }
}
