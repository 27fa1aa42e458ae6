import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { CodeUserInfo } from "../dingtalk/oapi-client.js";
import { AppError } from "../lib/app-error.js";
import type { ServiceDeps } from "./service-deps.js";

/** Who is calling the API: from a mini-app session or the operator's admin token. */
export interface SessionUser {
  userId: string;
  name: string;
  isAdmin: boolean;
  demo: boolean;
}

/** A signed session as handed to the page. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

/** Exchanges a DingTalk free-login code for the user (the oapi client satisfies it). */
export interface UserDirectory {
  getUserInfoByCode(code: string): Promise<CodeUserInfo>;
}

const Payload = z.object({ sub: z.string(), name: z.string(), adm: z.boolean(), demo: z.boolean(), exp: z.number() });
const LEVELS: Record<string, number> = { super: 1, sub: 2, boss: 100 };
const CODE_MEMORY_MS = 30 * 60_000;

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/**
 * Mini-app sessions: HMAC-signed, short-lived bearer tokens (no server state, so any instance sharing
 * STEWARD_SESSION_SECRET accepts them). Admin = DingTalk admin level in `settings.session.adminLevels`, or
 * STEWARD_ADMIN_USERIDS. Free-login codes are single-use: a replay is refused even before DingTalk says so.
 */
export class SessionService {
  private readonly secret: Buffer;
  private readonly usedCodes = new Map<string, number>();
  /** Tokens already verified (signature checked once), with their expiry; bounded. */
  private readonly verified = new Map<string, { user: SessionUser; exp: number }>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly directory: UserDirectory | null,
  ) {
    this.secret = deps.config.sessionSecret ? Buffer.from(deps.config.sessionSecret) : randomBytes(32);
  }

  private sign(payload: z.infer<typeof Payload>): string {
    const body = b64(JSON.stringify(payload));
    return `${body}.${b64(createHmac("sha256", this.secret).update(body).digest())}`;
  }

  private issue(user: SessionUser): IssuedSession {
    const ttl = this.deps.config.settings.session.ttlMinutes * 60_000;
    const expiresAt = new Date(this.deps.clock.now().getTime() + ttl);
    return { token: this.sign({ sub: user.userId, name: user.name, adm: user.isAdmin, demo: user.demo, exp: expiresAt.getTime() }), expiresAt, user };
  }

  /** A demo session; only in demo mode (no DingTalk credentials), otherwise forbidden with directions. */
  createDemo(): IssuedSession {
    if (!this.deps.config.demo) throw new AppError("forbidden", "请从钉钉工作台打开此页面 / Open this page from the DingTalk workbench.");
    return this.issue({ userId: "demo-admin", name: "演示管理员", isAdmin: true, demo: true });
  }

  /**
   * Exchanges a free-login code. The corpId the page sends is only compared with DINGTALK_CORP_ID (never trusted
   * to pick an org); a reused code is refused.
   */
  async createFromAuthCode(code: string, claimedCorpId: string | undefined): Promise<IssuedSession> {
    if (!this.directory || this.deps.config.demo) throw new AppError("forbidden", "DingTalk login is not configured on this server (demo mode); open the page outside DingTalk to see the demo.");
    const expected = this.deps.config.dingtalk?.corpId;
    if (expected && claimedCorpId && claimedCorpId !== expected) throw new AppError("forbidden", "This page belongs to another organisation; open it from your own DingTalk workbench.");
    const now = this.deps.clock.now().getTime();
    for (const [c, at] of this.usedCodes) if (now - at > CODE_MEMORY_MS) this.usedCodes.delete(c);
    if (this.usedCodes.has(code)) throw new AppError("unauthenticated", "This login code was already used; reload the page to log in again.");
    this.usedCodes.set(code, now);
    let info: CodeUserInfo;
    try {
      info = await this.directory.getUserInfoByCode(code);
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, "auth code exchange failed");
      throw new AppError("unauthenticated", "DingTalk did not accept the login code (expired or already used); reload the page to log in again.");
    }
    const levels = this.deps.config.settings.session.adminLevels.map((l) => LEVELS[l]);
    const isAdmin = (info.sys && levels.includes(info.sysLevel)) || this.deps.config.admins.userIds.includes(info.userid);
    return this.issue({ userId: info.userid, name: info.name ?? info.userid, isAdmin, demo: false });
  }

  /** The user behind a bearer token: the operator admin token, or a valid unexpired session; else unauthenticated. */
  verify(token: string | null | undefined): SessionUser {
    if (!token) throw new AppError("unauthenticated", "Sign in first: open the page from the DingTalk workbench (or send the admin token).");
    const adminToken = this.deps.config.admins.token;
    if (adminToken && token.length === adminToken.length && timingSafeEqual(Buffer.from(token), Buffer.from(adminToken))) {
      return { userId: "admin-token", name: "Operator", isAdmin: true, demo: false };
    }
    const known = this.verified.get(token);
    if (known) {
      if (known.exp <= this.deps.clock.now().getTime()) throw new AppError("unauthenticated", "The session has expired; sign in again.");
      return known.user;
    }
    const [body, sig] = token.split(".");
    if (!body || !sig) throw new AppError("unauthenticated", "The session token is malformed; sign in again.");
    const expected = createHmac("sha256", this.secret).update(body).digest();
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("unauthenticated", "The session token is not valid; sign in again.");
    const payload = Payload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!payload.success) throw new AppError("unauthenticated", "The session token is not valid; sign in again.");
    if (payload.data.exp <= this.deps.clock.now().getTime()) throw new AppError("unauthenticated", "The session has expired; sign in again.");
    const user = { userId: payload.data.sub, name: payload.data.name, isAdmin: payload.data.adm, demo: payload.data.demo };
    if (this.verified.size >= 5000) this.verified.clear();
    this.verified.set(token, { user, exp: payload.data.exp });
    return user;
  }
}
