import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/app-error.js";
import { FixedClock, systemClock, type Clock } from "../../../src/lib/clock.js";
import type { DingTalkAlert } from "../../../src/dingtalk/call-policy.js";
import { createDingTalkClients, type DingTalkClientsOptions } from "../../../src/dingtalk/dingtalk-clients.js";
import { robotMsg } from "../../../src/dingtalk/robot-messages.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";

let fake: FakeDingTalk;
beforeEach(async () => {
  fake = await FakeDingTalk.start();
});
afterEach(async () => {
  await fake.close();
});

/** Clients wired against the fake, recording meter calls and alerts. */
function clients(over: Partial<DingTalkClientsOptions> = {}, clock: Clock = systemClock) {
  const metered = { calls: 0 };
  const alerts: DingTalkAlert[] = [];
  const c = createDingTalkClients({
    clientId: fake.app.clientId,
    clientSecret: fake.app.clientSecret,
    robotCode: fake.app.robotCode,
    corpId: fake.app.corpId,
    apiBase: fake.baseUrl,
    oapiBase: fake.baseUrl,
    clock,
    backoffBaseMs: 5,
    timeoutMs: 2000,
    meter: (_m, n) => (metered.calls += n),
    onAlert: (a) => alerts.push(a),
    ...over,
  });
  return { ...c, metered, alerts };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("DingTalkOpenApiClient against the fake v1.0 OpenAPI (real SDK, real HTTP)", () => {
  it("sends 1:1 markdown in batches of 20 and reports per-user failures", async () => {
    const { openApi } = clients();
    fake.markInvalidUsers(["u-gone"]);
    fake.markFlowControlled(["u-busy"]);
    const ids = [...Array.from({ length: 43 }, (_, i) => `u${i}`), "u-gone", "u-busy"];
    const r = await openApi.sendToUsers(ids, robotMsg.markdown("续费提醒", "### 专业版将于 30 天后到期"));

    expect(fake.sent.map((s) => s.userIds.length)).toEqual([20, 20, 3]);
    expect(fake.sent[0]).toMatchObject({ api: "robot.batchSend", robotCode: fake.app.robotCode, msgKey: "sampleMarkdown", msgParam: { title: "续费提醒", text: "### 专业版将于 30 天后到期" } });
    expect(r.processQueryKeys).toHaveLength(3);
    expect(r.invalidUserIds).toEqual(["u-gone"]);
    expect(r.flowControlledUserIds).toEqual(["u-busy"]);
  });

  it("sends action cards (one button and several buttons) and group messages", async () => {
    const { openApi } = clients();
    await openApi.sendToUsers(["u1"], robotMsg.actionCard("合同", "查看合同详情", { title: "打开", url: "https://example.com/c/1" }));
    await openApi.sendToUsers(["u1"], robotMsg.actionCardButtons("续费", "是否续费？", [
      { title: "续费", url: "https://example.com/r" },
      { title: "稍后", url: "https://example.com/l" },
      { title: "不再提醒", url: "https://example.com/n" },
    ]));
    const g = await openApi.sendToGroup("cidGroup001==", robotMsg.markdown("额度", "存储已用 80%"));

    expect(fake.sent[0]).toMatchObject({ msgKey: "sampleActionCard", msgParam: { singleTitle: "打开", singleURL: "https://example.com/c/1" } });
    expect(fake.sent[1]).toMatchObject({ msgKey: "sampleActionCard3", msgParam: { actionTitle3: "不再提醒", actionURL1: "https://example.com/r" } });
    expect(fake.sent[2]).toMatchObject({ api: "robot.groupSend", openConversationId: "cidGroup001==", msgKey: "sampleMarkdown" });
    expect(g.processQueryKey).toEqual(expect.any(String));
  });

  it("sends robot DING in chunks (200 in-app) and reads the org storage quota", async () => {
    const { openApi } = clients();
    fake.markInvalidUsers(["u-x"]);
    const ids = [...Array.from({ length: 230 }, (_, i) => `u${i}`), "u-x"];
    const d = await openApi.sendDing(ids, "合同明天到期，请处理", 1);
    expect(fake.sent.map((s) => [s.api, s.remindType, s.userIds.length])).toEqual([["robot.ding", 1, 200], ["robot.ding", 1, 30]]);
    expect(d.openDingIds).toHaveLength(2);
    expect(d.failed).toEqual({ "miss.staffId": ["u-x"] });

    const parts = await openApi.getOrgStorageQuota("union-admin");
    expect(parts).toEqual([{ partitionType: "PUBLIC_OSS_PARTITION", quotaType: "SHARE", maxBytes: 1024 ** 4, usedBytes: 123 * 1024 ** 3, reservedBytes: 0 }]);
    const noCorp = clients({ corpId: null });
    expect((await rejection(noCorp.openApi.getOrgStorageQuota("union-admin"))).code).toBe("invalid_config");
  });

  it("single-flights the token: 10 concurrent calls → 1 token request", async () => {
    const { openApi, tokens } = clients();
    await Promise.all(Array.from({ length: 10 }, (_, i) => openApi.sendToUsers([`u${i}`], robotMsg.text("hi"))));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(tokens.fetches).toBe(1);
    expect(fake.requestsFor("robot.batchSend").every((r) => r.outcome === "ok")).toBe(true);
  });

  it("token expired mid-run: concurrent callers refresh once and all succeed", async () => {
    const { openApi } = clients();
    await openApi.sendToUsers(["u0"], robotMsg.text("first"));
    fake.expireTokens();
    await Promise.all(Array.from({ length: 5 }, (_, i) => openApi.sendToUsers([`u${i}`], robotMsg.text("again"))));

    expect(fake.tokenRequests).toHaveLength(2);
    const outcomes = fake.requestsFor("robot.batchSend").map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "invalid_token")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(6);
  });

  it("refreshes the token before it expires (injected clock)", async () => {
    const clock = new FixedClock("2026-03-01T01:00:00Z");
    const { openApi } = clients({}, clock);
    await openApi.sendToUsers(["u1"], robotMsg.text("a"));
    clock.advance(6000 * 1000);
    await openApi.sendToUsers(["u1"], robotMsg.text("b"));
    expect(fake.tokenRequests).toHaveLength(1);
    clock.advance(1000 * 1000); // 7000 s: inside the 5-minute refresh margin
    await openApi.sendToUsers(["u1"], robotMsg.text("c"));
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it("an invalid token that stays invalid after one refresh fails with an alert", async () => {
    const { openApi, alerts } = clients();
    fake.failNext("robot.groupSend", "invalid_token", 2);
    const err = await rejection(openApi.sendToGroup("cid1", robotMsg.text("x")));
    expect(err.code).toBe("dingtalk_error");
    expect(fake.requestsFor("robot.groupSend")).toHaveLength(2);
    expect(alerts).toEqual([{ kind: "auth_failed", api: "robot.groupSend", code: "InvalidAuthentication" }]);
  });

  it("throttling (HTTP 403 QpsLimit) is retried with backoff and then succeeds; metering counts every attempt", async () => {
    const { openApi, policy, metered } = clients();
    fake.failNext("robot.batchSend", "throttle", 2);
    await openApi.sendToUsers(["u1"], robotMsg.text("hi"));
    expect(fake.requestsFor("robot.batchSend").map((r) => [r.status, r.outcome])).toEqual([[403, "throttled"], [403, "throttled"], [200, "ok"]]);
    expect(policy.snapshot()["robot.batchSend"]).toMatchObject({ attempts: 3, throttled: 2, retries: 2, ok: 1 });
    expect(metered.calls).toBe(3);
    expect(fake.sent).toHaveLength(1);
  });

  it("persistent throttling gives up with rate_limited after the retry budget", async () => {
    const { openApi } = clients();
    fake.failNext("robot.batchSend", "throttle", 50);
    const err = await rejection(openApi.sendToUsers(["u1"], robotMsg.text("hi")));
    expect(err.code).toBe("rate_limited");
    expect(fake.requestsFor("robot.batchSend")).toHaveLength(5);
  });

  it("monthly quota exhausted: alerts once, stops metered calls locally until reset, contacts APIs still work", async () => {
    const clock = new FixedClock("2026-03-31T15:30:00Z"); // 23:30 on 31 March in Shanghai
    const { openApi, oapi, policy, alerts } = clients({}, clock);
    fake.addUser({ userid: "u1" });
    fake.setQuotaExhausted(true);

    const first = await rejection(openApi.sendToUsers(["u1"], robotMsg.text("a")));
    expect(first.code).toBe("dingtalk_quota_exhausted");
    expect(alerts).toEqual([
      { kind: "quota_exhausted", api: "robot.batchSend", code: "Forbidden.AccessDenied.ApiCountLimitForOrg", blockedUntil: new Date("2026-03-31T16:00:00Z") },
    ]);
    const before = fake.requests.length;
    expect((await rejection(openApi.sendToGroup("cid1", robotMsg.text("b")))).code).toBe("dingtalk_quota_exhausted");
    expect((await rejection(openApi.sendDing(["u1"], "c", 1))).code).toBe("dingtalk_quota_exhausted");
    expect(fake.requests.length).toBe(before); // blocked locally, no call spent
    expect(await oapi.countUsers()).toBe(1); // contacts APIs do not count toward the quota
    expect(alerts).toHaveLength(1);

    fake.setQuotaExhausted(false);
    clock.advance(31 * 60_000); // the new month in Shanghai
    expect(policy.quotaBlockedUntil).toBeNull();
    await openApi.sendToUsers(["u1"], robotMsg.text("d"));
    expect(fake.sent).toHaveLength(1);
  });

  it("never sends faster than the configured qps per API (send timestamps counted in any 1 s window)", async () => {
    const sentAt: number[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      if (String(input).includes("/topapi/user/count")) sentAt.push(performance.now());
      return fetch(input, init);
    };
    const { oapi } = clients({ qps: 20, qpsPerApi: { "oapi.user.count": 40 }, fetch: recordingFetch });
    await Promise.all(Array.from({ length: 100 }, () => oapi.countUsers()));

    expect(sentAt).toHaveLength(100);
    const worstWindow = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length));
    expect(worstWindow).toBeLessThanOrEqual(40);
    expect(worstWindow).toBeGreaterThan(20); // the per-API override (40) is used, not the default (20)
  });

  it("never sends faster than the qps when granted calls go out late (slow token, stalled loop): never bunched", async () => {
    const sentAt: number[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      if (String(input).includes("/topapi/user/count")) sentAt.push(performance.now());
      return fetch(input, init);
    };
    const { oapi, tokens } = clients({ qps: 20, fetch: recordingFetch, timeoutMs: 10_000 });
    const fetchToken = tokens.get.bind(tokens);
    const slowUntil = performance.now() + 700; // DingTalk's token endpoint answers slowly at first
    tokens.get = async (creds) => {
      const token = await fetchToken(creds);
      const wait = slowUntil - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return token;
    };
    const stall = setInterval(() => {
      const until = performance.now() + 150 + Math.random() * 200; // a sweep or a parse hogging the loop
      while (performance.now() < until);
    }, 250);
    try {
      await Promise.all(Array.from({ length: 80 }, () => oapi.countUsers()));
    } finally {
      clearInterval(stall);
    }
    expect(sentAt).toHaveLength(80);
    const worstWindow = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length));
    expect(worstWindow).toBeLessThanOrEqual(20);
  });

  it("at the same qps as a strict DingTalk, 1:1 sends all get through", async () => {
    const { openApi } = clients({ qps: 40 });
    fake.setQpsLimit(40);
    await Promise.all(Array.from({ length: 90 }, (_, i) => openApi.sendToUsers([`u${i}`], robotMsg.text(`#${i}`))));
    expect(fake.sent).toHaveLength(90);
  });

  it("a hung non-idempotent send times out once and is not resent", async () => {
    const { openApi } = clients({ timeoutMs: 300 });
    fake.failNext("robot.groupSend", "hang");
    const err = await rejection(openApi.sendToGroup("cid1", robotMsg.text("x")));
    expect(err.code).toBe("dingtalk_unavailable");
    expect(fake.requestsFor("robot.groupSend")).toHaveLength(1);
  });

  it("wrong app credentials surface as invalid_config", async () => {
    const { openApi } = clients({ clientSecret: "nope" });
    expect((await rejection(openApi.sendToUsers(["u1"], robotMsg.text("x")))).code).toBe("invalid_config");
  });
});
