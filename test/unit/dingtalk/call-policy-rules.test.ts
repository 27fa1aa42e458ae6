import { describe, expect, it } from "vitest";
import { nextQuotaReset } from "../../../src/dingtalk/call-policy.js";
import { classifyFailure, DingTalkApiError, DingTalkTransportError } from "../../../src/dingtalk/dingtalk-errors.js";
import { backoffDelay } from "../../../src/lib/timers.js";

describe("classifyFailure", () => {
  it.each([
    [new DingTalkApiError("oapi", 200, "90018", "qps"), "throttled"],
    [new DingTalkApiError("oapi", 200, "90002", "global qps"), "throttled"],
    [new DingTalkApiError("oapi", 200, "-1", "系统繁忙"), "throttled"],
    [new DingTalkApiError("oapi", 200, "40014", "不合法的access_token"), "invalid_token"],
    [new DingTalkApiError("oapi", 200, "90020", "quota"), "quota_exhausted"],
    [new DingTalkApiError("oapi", 200, "60121", "找不到该用户"), "fatal"],
    [new DingTalkApiError("oapi", 502, "502", "bad gateway"), "transient"],
    [new DingTalkApiError("v1", 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", ""), "throttled"],
    [new DingTalkApiError("v1", 403, "Forbidden.AccessDenied.QpsLimitForApi", ""), "throttled"],
    [new DingTalkApiError("v1", 429, "TooManyRequests", ""), "throttled"],
    [new DingTalkApiError("v1", 400, "toomuch.msg", "send too fast"), "throttled"],
    [new DingTalkApiError("v1", 400, "InvalidAuthentication", ""), "invalid_token"],
    [new DingTalkApiError("v1", 401, "Unauthorized", ""), "invalid_token"],
    [new DingTalkApiError("v1", 403, "Forbidden.AccessDenied.ApiCountLimitForOrg", ""), "quota_exhausted"],
    [new DingTalkApiError("v1", 400, "invalidParameter.robotCode.auth", ""), "fatal"],
    [new DingTalkApiError("v1", 500, "system.error", ""), "transient"],
    [new DingTalkTransportError("ECONNRESET"), "transient"],
    [new TypeError("bug"), "fatal"],
  ])("%o → %s", (err, kind) => {
    expect(classifyFailure(err)).toBe(kind);
  });
});

describe("nextQuotaReset (Asia/Shanghai month boundary)", () => {
  it.each([
    ["2026-03-31T15:59:59Z", "2026-03-31T16:00:00.000Z"],
    ["2026-03-31T16:00:00Z", "2026-04-30T16:00:00.000Z"],
    ["2026-12-15T00:00:00Z", "2026-12-31T16:00:00.000Z"],
    ["2026-02-01T00:00:00Z", "2026-02-28T16:00:00.000Z"],
  ])("%s → %s", (now, reset) => {
    expect(nextQuotaReset(new Date(now)).toISOString()).toBe(reset);
  });
});

describe("backoffDelay", () => {
  it.each([
    [0, 0, 1000],
    [0, 0.999, 1999],
    [1, 0.5, 2500],
    [5, 0.5, 32500],
    [6, 0, 60000],
    [40, 1, 60000],
  ])("attempt %i, random %d → %i ms (base 1 s, cap 60 s)", (attempt, r, ms) => {
    expect(Math.round(backoffDelay(attempt, 1000, 60_000, () => r))).toBe(ms);
  });
});
