import { createRequire } from "node:module";
import type oauthPkg from "@alicloud/dingtalk/dist/oauth2_1_0/client.js";
import type robotPkg from "@alicloud/dingtalk/dist/robot_1_0/client.js";
import type storagePkg from "@alicloud/dingtalk/dist/storage_1_0/client.js";
import type openApiPkg from "@alicloud/openapi-client";
import type teaUtilPkg from "@alicloud/tea-util";
import { AppError } from "../lib/app-error.js";
import { DingTalkApiError, DingTalkTransportError } from "./dingtalk-errors.js";

/** The SDK modules (CJS; the client class is `.default`, see stack.md G14). */
export interface OpenApiSdkModules {
  oauth: typeof oauthPkg;
  robot: typeof robotPkg;
  storage: typeof storagePkg;
  openApi: typeof openApiPkg;
  teaUtil: typeof teaUtilPkg;
}

const requireCjs = createRequire(import.meta.url);
let modules: OpenApiSdkModules | undefined;

/** The SDK modules, loaded on first use: they are large (tens of MB resident) and demo mode never calls DingTalk. */
export function sdk(): OpenApiSdkModules {
  return (modules ??= {
    oauth: requireCjs("@alicloud/dingtalk/dist/oauth2_1_0/client.js"),
    robot: requireCjs("@alicloud/dingtalk/dist/robot_1_0/client.js"),
    storage: requireCjs("@alicloud/dingtalk/dist/storage_1_0/client.js"),
    openApi: requireCjs("@alicloud/openapi-client"),
    teaUtil: requireCjs("@alicloud/tea-util"),
  });
}

/** The three v1.0 service clients the steward uses, bound to one endpoint. */
export interface OpenApiSdkClients {
  oauth: InstanceType<typeof oauthPkg.default>;
  robot: InstanceType<typeof robotPkg.default>;
  storage: InstanceType<typeof storagePkg.default>;
}

/**
 * Builds the SDK clients for `apiBase` (e.g. `https://api.dingtalk.com` or a fake's `http://127.0.0.1:PORT`).
 * The SDK wants `endpoint` as host[:port] and uses plain HTTP unless `protocol` is set, so both come from the URL.
 */
export function createOpenApiSdk(apiBase: string, timeoutMs: number): OpenApiSdkClients {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new AppError("invalid_config", `DINGTALK_API_BASE "${apiBase}" is not a URL; use https://api.dingtalk.com.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("invalid_config", `DINGTALK_API_BASE must be http(s), got ${url.protocol}`);
  }
  const { openApi, oauth, robot, storage } = sdk();
  const config = new openApi.Config({
    protocol: url.protocol.slice(0, -1),
    endpoint: url.host,
    regionId: "central",
    readTimeout: timeoutMs,
    connectTimeout: timeoutMs,
  });
  return {
    oauth: new oauth.default(config),
    robot: new robot.default(config),
    storage: new storage.default(config),
  };
}

/** Per-call SDK runtime options (timeouts; the SDK's own retries stay off, the call policy retries). */
export function runtimeOptions(timeoutMs: number): InstanceType<typeof teaUtilPkg.RuntimeOptions> {
  return new (sdk().teaUtil.RuntimeOptions)({ readTimeout: timeoutMs, connectTimeout: timeoutMs, autoretry: false });
}

/**
 * Headers every SDK call carries besides the token: `Connection: close`, one connection per call. The SDK's
 * transport pools sockets with no idle limit and ignores the server's keep-alive hint, so a send could go out on a
 * socket the server is just closing and fail with ECONNRESET without telling whether DingTalk ran it; a send cannot
 * be retried safely after that. A fresh object each call: the SDK writes the token into the map it is given.
 */
export function callHeaders(): Record<string, string> {
  return { connection: "close" };
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH"]);

/**
 * Turns whatever the SDK threw into DingTalkApiError (DingTalk answered 4xx/5xx) or DingTalkTransportError.
 * Never copies the SDK error's `data` (it can hold the request, including the token header).
 */
export function fromSdkError(e: unknown): Error {
  if (e instanceof DingTalkApiError || e instanceof DingTalkTransportError) return e;
  const err = e as { name?: string; code?: unknown; statusCode?: unknown; data?: Record<string, unknown> };
  const status = typeof err?.statusCode === "number" ? err.statusCode : Number(err?.data?.statusCode);
  if (Number.isFinite(status) && status >= 400) {
    const data = err.data ?? {};
    const message = String(data.message ?? data.Message ?? "");
    const requestId = data.requestid ?? data.RequestId;
    return new DingTalkApiError("v1", status, String(err.code ?? "unknown"), message, requestId ? String(requestId) : undefined);
  }
  if (err?.name === "SyntaxError") return new DingTalkTransportError("DingTalk answered with a non-JSON body");
  const code = typeof err?.code === "string" ? err.code : "";
  const timedOut = /timeout/i.test(`${err?.name ?? ""} ${code}`);
  if (timedOut || NETWORK_CODES.has(code)) return new DingTalkTransportError(`network error ${code || err?.name}`, timedOut);
  return new DingTalkTransportError(`SDK failure ${err?.name ?? "unknown"}${code ? ` ${code}` : ""}`);
}
