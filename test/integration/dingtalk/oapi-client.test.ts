import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/app-error.js";
import { FixedClock, systemClock } from "../../../src/lib/clock.js";
import { AccessTokenCache } from "../../../src/dingtalk/access-token.js";
import { CallPolicy, type DingTalkAlert } from "../../../src/dingtalk/call-policy.js";
import { createDingTalkClients } from "../../../src/dingtalk/dingtalk-clients.js";
import { DingTalkOapiClient } from "../../../src/dingtalk/oapi-client.js";
import { replyViaSessionWebhook } from "../../../src/dingtalk/session-webhook.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";

let fake: FakeDingTalk;
beforeEach(async () => {
  fake = await FakeDingTalk.start();
  fake.addUser({ userid: "boss01", name: "示例老板", sysLevel: 100 });
  fake.addUser({ userid: "admin01", name: "管理员甲", sysLevel: 1, title: "IT 主管" });
  fake.addUser({ userid: "admin02", name: "管理员乙", sysLevel: 2 });
  fake.addUser({ userid: "staff01", name: "员工丙", active: false });
});
afterEach(async () => {
  await fake.close();
});

function clients() {
  const alerts: DingTalkAlert[] = [];
  const c = createDingTalkClients({
    clientId: fake.app.clientId,
    clientSecret: fake.app.clientSecret,
    robotCode: fake.app.robotCode,
    apiBase: fake.baseUrl,
    oapiBase: fake.baseUrl,
    clock: systemClock,
    backoffBaseMs: 5,
    timeoutMs: 2000,
    onAlert: (a) => alerts.push(a),
  });
  return { ...c, alerts };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("DingTalkOapiClient against the fake legacy oapi", () => {
  it("reads a user, the admin list and the member count", async () => {
    const { oapi } = clients();
    expect(await oapi.getUser("admin01")).toEqual({
      userid: "admin01", unionid: "union-admin01", name: "管理员甲", title: "IT 主管", active: true, admin: true, boss: false, deptIds: [1],
    });
    expect(await oapi.listAdmins()).toEqual([{ userid: "admin01", sysLevel: 1 }, { userid: "admin02", sysLevel: 2 }]);
    expect(await oapi.countUsers()).toBe(4);
    expect(await oapi.countUsers(true)).toBe(3);
    expect((await rejection(oapi.getUser("nobody"))).code).toBe("not_found");
  });

  it("exchanges a free-login code once; reused or unknown codes are unauthenticated", async () => {
    const { oapi } = clients();
    const code = fake.issueAuthCode("admin02");
    expect(await oapi.getUserInfoByCode(code)).toEqual({ userid: "admin02", name: "管理员乙", unionid: "union-admin02", sys: true, sysLevel: 2 });
    expect((await rejection(oapi.getUserInfoByCode(code))).code).toBe("unauthenticated");
    expect((await rejection(oapi.getUserInfoByCode("made-up"))).code).toBe("unauthenticated");
  });

  it("retries 90018 throttling and refreshes the token once on 40014", async () => {
    const { oapi } = clients();
    fake.failNext("oapi.user.get", "throttle", 2);
    expect((await oapi.getUser("staff01")).active).toBe(false);
    expect(fake.requestsFor("oapi.user.get").map((r) => r.outcome)).toEqual(["throttled", "throttled", "ok"]);

    fake.expireTokens();
    expect(await oapi.countUsers()).toBe(4);
    expect(fake.requestsFor("oapi.user.count").map((r) => r.outcome)).toEqual(["invalid_token", "ok"]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it("a legacy 90020 raises the quota alert and blocks metered calls", async () => {
    const { oapi, openApi, alerts, policy } = clients();
    fake.failNext("oapi.user.listadmin", "quota");
    expect((await rejection(oapi.listAdmins())).code).toBe("dingtalk_quota_exhausted");
    expect(alerts).toMatchObject([{ kind: "quota_exhausted", api: "oapi.user.listadmin", code: "90020" }]);
    expect(policy.quotaBlockedUntil).not.toBeNull();
    expect((await rejection(openApi.sendToUsers(["admin01"], { msgKey: "sampleText", msgParam: { content: "x" } }))).code).toBe("dingtalk_quota_exhausted");
    expect(fake.requestsFor("robot.batchSend")).toHaveLength(0);
  });

  it("a hung idempotent read times out and is retried", async () => {
    const tokens = new AccessTokenCache({ clock: systemClock, fetchToken: (c) => legacy.fetchLegacyToken(c) });
    const policy = new CallPolicy({ credentials: fake.app, tokens, clock: systemClock, timeoutMs: 300, backoffBaseMs: 5 });
    const legacy = new DingTalkOapiClient({ oapiBase: fake.baseUrl, policy });
    fake.failNext("oapi.user.count", "hang");
    expect(await legacy.countUsers()).toBe(4);
    expect(fake.requestsFor("oapi.user.count").map((r) => r.outcome)).toEqual(["scripted", "ok"]);
    expect(fake.tokenRequests).toEqual([expect.objectContaining({ api: "oapi.gettoken" })]); // the legacy token works too
  });
});

describe("replyViaSessionWebhook", () => {
  const deps = () => ({ clock: systemClock, allowedOrigins: ["https://oapi.dingtalk.com", fake.baseUrl] });

  it("posts a markdown reply with @mentions and returns true", async () => {
    const msgId = fake.pushRobotMessage({ conversationType: "2", senderStaffId: "admin01" });
    const { url, expiresAt } = fake.sessionWebhookFor(msgId);
    const ok = await replyViaSessionWebhook(url, expiresAt, { title: "额度", text: "@admin01 存储已用 12%", atUserIds: ["admin01"] }, deps());
    expect(ok).toBe(true);
    expect(fake.replies).toEqual([
      expect.objectContaining({
        inReplyTo: msgId,
        body: { msgtype: "markdown", markdown: { title: "额度", text: "@admin01 存储已用 12%" }, at: { atUserIds: ["admin01"], isAtAll: false } },
      }),
    ]);
  });

  it("returns false without calling when the webhook has expired, or when DingTalk says so", async () => {
    const msgId = fake.pushRobotMessage();
    const { url, expiresAt } = fake.sessionWebhookFor(msgId);
    const late = { ...deps(), clock: new FixedClock(new Date(expiresAt + 1)) };
    expect(await replyViaSessionWebhook(url, expiresAt, { title: "t", text: "x" }, late)).toBe(false);
    expect(fake.requestsFor("session.reply")).toHaveLength(0);

    fake.expireSessions();
    expect(await replyViaSessionWebhook(url, expiresAt, { title: "t", text: "x" }, deps())).toBe(false);
    expect(fake.replies).toHaveLength(0);
  });

  it("refuses webhooks outside the allowed origins", async () => {
    const err = await rejection(
      replyViaSessionWebhook("http://169.254.169.254/robot/sendBySession?session=x", Date.now() + 60_000, { title: "t", text: "x" }, deps()),
    );
    expect(err.code).toBe("invalid_input");
  });
});
