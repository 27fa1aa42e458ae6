/** Which DingTalk API family answered: new-style `api.dingtalk.com` (v1.0) or legacy `oapi.dingtalk.com`. */
export type ApiFamily = "v1" | "oapi";

/**
 * DingTalk answered, with an error: a v1.0 HTTP 4xx/5xx `{code, message}` or a legacy HTTP 200 `{errcode≠0, errmsg}`.
 * `code` is the DingTalk code as a string ("InvalidAuthentication", "90018"…). Carries no token or URL.
 */
export class DingTalkApiError extends Error {
  override readonly name = "DingTalkApiError";
  constructor(
    readonly family: ApiFamily,
    readonly status: number,
    readonly code: string,
    readonly remoteMessage: string,
    readonly requestId?: string,
  ) {
    super(`DingTalk ${family} error ${code} (HTTP ${status}): ${remoteMessage}`);
  }
}

/** The request never got a DingTalk answer: connection refused/reset, DNS, timeout, non-JSON body. */
export class DingTalkTransportError extends Error {
  override readonly name = "DingTalkTransportError";
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** How the call policy reacts to a failure. */
export type FailureKind = "throttled" | "invalid_token" | "quota_exhausted" | "transient" | "fatal";

const LEGACY_THROTTLE = new Set(["90018", "90002", "-1"]);
const LEGACY_TOKEN = new Set(["40014", "42001", "40001"]);

/** Classifies an error from either API family (see the protocol reference §C8/§D for the codes). */
export function classifyFailure(err: unknown): FailureKind {
  if (err instanceof DingTalkTransportError) return "transient";
  if (!(err instanceof DingTalkApiError)) return "fatal";
  const { code, status } = err;
  if (err.family === "oapi") {
    if (LEGACY_THROTTLE.has(code)) return "throttled";
    if (LEGACY_TOKEN.has(code)) return "invalid_token";
    if (code === "90020") return "quota_exhausted";
    return status >= 500 ? "transient" : "fatal";
  }
  if (status === 429 || /^Forbidden\.AccessDenied\.Qps/i.test(code) || code === "toomuch.msg") return "throttled";
  if (code === "InvalidAuthentication" || status === 401) return "invalid_token";
  if (code === "Forbidden.AccessDenied.ApiCountLimitForOrg") return "quota_exhausted";
  if (status >= 500) return "transient";
  return "fatal";
}
