import { z } from "zod";
import { AppError } from "../lib/app-error.js";
import type { AppCredentials, IssuedToken } from "./access-token.js";
import type { ApiSpec, CallPolicy } from "./call-policy.js";
import { DingTalkApiError, DingTalkTransportError } from "./dingtalk-errors.js";

/** A member of the org as the steward needs it (subset of `topapi/v2/user/get`). */
export interface DingTalkUser {
  userid: string;
  unionid: string | null;
  name: string;
  title: string | null;
  active: boolean;
  admin: boolean;
  boss: boolean;
  deptIds: number[];
}

/** Who opened the mini-app (free-login code exchange). `sysLevel`: 1 super admin, 2 sub admin, 100 boss, 0 other. */
export interface CodeUserInfo {
  userid: string;
  name: string | null;
  unionid: string | null;
  sys: boolean;
  sysLevel: number;
}

/** An org administrator; `sysLevel` 1 = super admin, 2 = sub admin. */
export interface OrgAdmin {
  userid: string;
  sysLevel: number;
}

/** Options for {@link DingTalkOapiClient}. */
export interface DingTalkOapiClientOptions {
  /** `DINGTALK_OAPI_BASE`, e.g. https://oapi.dingtalk.com. */
  oapiBase: string;
  policy: CallPolicy;
  fetch?: typeof fetch;
}

const read = (name: string, idempotent = true): ApiSpec => ({ name, metered: false, idempotent, auth: true });
const APIS = {
  gettoken: { name: "oapi.gettoken", metered: false, idempotent: true, auth: false } satisfies ApiSpec,
  userGet: {
    ...read("oapi.user.get"),
    mapError: (e: DingTalkApiError) =>
      e.code === "60121" ? new AppError("not_found", "That DingTalk user is not in the organisation (60121).") : permissionError(e),
  } satisfies ApiSpec,
  userInfoByCode: {
    ...read("oapi.user.getuserinfo", false),
    mapError: (e: DingTalkApiError) =>
      e.code === "40078"
        ? new AppError("unauthenticated", "The DingTalk login code is invalid, expired or already used; reopen the page inside DingTalk.")
        : permissionError(e),
  } satisfies ApiSpec,
  listAdmins: { ...read("oapi.user.listadmin"), mapError: permissionError } satisfies ApiSpec,
  countUsers: { ...read("oapi.user.count"), mapError: permissionError } satisfies ApiSpec,
};

function permissionError(e: DingTalkApiError): AppError | undefined {
  if (e.code === "60011" || e.code === "43007" || (e.code === "88" && /60011/.test(e.remoteMessage))) {
    return new AppError(
      "forbidden",
      `The DingTalk app lacks a permission for this call (${e.code}). Grant the contacts read permission (qyapi_get_member) in the developer console.`,
      { dingtalkCode: e.code },
    );
  }
  return undefined;
}

const Envelope = z.object({ errcode: z.coerce.number(), errmsg: z.string().optional(), request_id: z.string().optional() }).passthrough();
const UserResult = z.object({
  userid: z.string(),
  unionid: z.string().nullish(),
  name: z.string().default(""),
  title: z.string().nullish(),
  active: z.boolean().default(true),
  admin: z.boolean().default(false),
  boss: z.boolean().default(false),
  dept_id_list: z.array(z.number()).default([]),
});
const CodeResult = z.object({
  userid: z.string(),
  name: z.string().nullish(),
  unionid: z.string().nullish(),
  sys: z.boolean().default(false),
  sys_level: z.coerce.number().default(0),
});
const AdminsResult = z.array(z.object({ userid: z.string(), sys_level: z.coerce.number() }));
const CountResult = z.object({ count: z.coerce.number() });
const TokenResult = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number() });

/**
 * Legacy `oapi.dingtalk.com` APIs (not in `@alicloud/dingtalk`), called with fetch: user detail, free-login code
 * exchange, admin list, member count, and the legacy token. Token in the query string as the API requires; URLs are
 * never logged or put into errors. All calls go through the shared CallPolicy.
 */
export class DingTalkOapiClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: DingTalkOapiClientOptions) {
    this.base = opts.oapiBase.replace(/\/+$/, "");
    this.fetchImpl = opts.fetch ?? fetch;
  }

  /** User detail by userid. Throws AppError('not_found') for an unknown user. */
  async getUser(userid: string): Promise<DingTalkUser> {
    if (!userid) throw new AppError("invalid_input", "getUser needs a DingTalk userid.");
    const r = await this.opts.policy.run(APIS.userGet, (ctx) =>
      this.post("/topapi/v2/user/get", ctx.token, { userid, language: "zh_CN" }, ctx.signal, UserResult),
    );
    return {
      userid: r.userid,
      unionid: r.unionid ?? null,
      name: r.name,
      title: r.title ?? null,
      active: r.active,
      admin: r.admin,
      boss: r.boss,
      deptIds: r.dept_id_list,
    };
  }

  /** Exchanges a free-login auth code (single use, 5 min) for the user. Throws AppError('unauthenticated') on a bad code. */
  async getUserInfoByCode(code: string): Promise<CodeUserInfo> {
    if (!code) throw new AppError("invalid_input", "getUserInfoByCode needs the code from dd.runtime.permission.requestAuthCode.");
    const r = await this.opts.policy.run(APIS.userInfoByCode, (ctx) =>
      this.post("/topapi/v2/user/getuserinfo", ctx.token, { code }, ctx.signal, CodeResult),
    );
    return { userid: r.userid, name: r.name ?? null, unionid: r.unionid ?? null, sys: r.sys, sysLevel: r.sys_level };
  }

  /** The org's super and sub administrators. */
  async listAdmins(): Promise<OrgAdmin[]> {
    const r = await this.opts.policy.run(APIS.listAdmins, (ctx) =>
      this.post("/topapi/user/listadmin", ctx.token, {}, ctx.signal, AdminsResult),
    );
    return r.map((a) => ({ userid: a.userid, sysLevel: a.sys_level }));
  }

  /** Number of org members (`onlyActive`: only those who activated DingTalk). */
  async countUsers(onlyActive = false): Promise<number> {
    const r = await this.opts.policy.run(APIS.countUsers, (ctx) =>
      this.post("/topapi/user/count", ctx.token, { only_active: onlyActive }, ctx.signal, CountResult),
    );
    return r.count;
  }

  /** Legacy token (`GET /gettoken`); an alternative AccessTokenCache fetcher. The secret travels in the query string. */
  fetchLegacyToken = (creds: AppCredentials): Promise<IssuedToken> =>
    this.opts.policy.run(APIS.gettoken, async (ctx) => {
      const q = new URLSearchParams({ appkey: creds.clientId, appsecret: creds.clientSecret });
      const env = await this.request(`${this.base}/gettoken?${q}`, { method: "GET", signal: ctx.signal });
      const r = this.parse(TokenResult, env, APIS.gettoken.name);
      return { accessToken: r.access_token, expiresInSec: r.expires_in };
    });

  private async post<S extends z.ZodType>(path: string, token: string | undefined, body: unknown, signal: AbortSignal, result: S): Promise<z.infer<S>> {
    const url = `${this.base}${path}?access_token=${encodeURIComponent(token ?? "")}`;
    const env = await this.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    return this.parse(result, env.result, path);
  }

  private async request(url: string, init: RequestInit): Promise<z.infer<typeof Envelope>> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, init);
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === "TimeoutError" || err.name === "AbortError") throw err;
      throw new DingTalkTransportError(`network error ${err.cause?.code ?? err.name}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (res.status >= 400) throw new DingTalkApiError("oapi", res.status, String(res.status), "non-JSON error body");
      throw new DingTalkTransportError(`DingTalk answered HTTP ${res.status} with a non-JSON body`);
    }
    const env = Envelope.safeParse(json);
    if (!env.success) {
      throw new DingTalkApiError("oapi", res.status, res.status >= 400 ? String(res.status) : "UnexpectedResponse", "no errcode in answer");
    }
    if (env.data.errcode !== 0) {
      const sub = (json as { sub_code?: string; sub_msg?: string }).sub_code;
      const msg = `${env.data.errmsg ?? ""}${sub ? ` [sub_code ${sub}]` : ""}`;
      throw new DingTalkApiError("oapi", res.status, String(env.data.errcode), msg, env.data.request_id);
    }
    return env.data;
  }

  private parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
    const r = schema.safeParse(value);
    if (!r.success) throw new DingTalkApiError("oapi", 200, "UnexpectedResponse", `${what} answered an unexpected result`);
    return r.data;
  }
}
