import { describe, expect, it } from "vitest";
import { createDingTalkReplier } from "../../../src/bot/dingtalk-replier.js";
import type { RobotMsg } from "../../../src/dingtalk/robot-messages.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { robotMessage } from "../../support/bot-fixtures.js";

const NOW = Date.parse("2024-04-05T06:02:00Z");

function setup(answer: { status: number; body: unknown } = { status: 200, body: { errcode: 0, errmsg: "ok" } }) {
  const posts: { url: string; body: unknown }[] = [];
  const sends: { to: string; msg: RobotMsg }[] = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    posts.push({ url: String(url), body: JSON.parse(String(init.body)) });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof globalThis.fetch;
  const replier = createDingTalkReplier({
    clock: new FixedClock(new Date(NOW)), log: silentLogger, allowedOrigins: ["https://oapi.dingtalk.com"], fetch,
    fallback: {
      sendToUsers: async (ids, msg) => void sends.push({ to: `users:${ids.join(",")}`, msg }),
      sendToGroup: async (cid, msg) => void sends.push({ to: `group:${cid}`, msg }),
    },
  });
  return { replier, posts, sends };
}
const hook = { sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=abc", sessionWebhookExpiredTime: NOW + 5_400_000 };
const reply = { title: "到期时间", text: "**还剩 30 天**" };

describe("DingTalk replier", () => {
  it("posts markdown to the session webhook while it is valid", async () => {
    const { replier, posts, sends } = setup();
    await replier.send(robotMessage(hook), reply);
    expect(posts).toEqual([{ url: hook.sessionWebhook, body: { msgtype: "markdown", markdown: { title: "到期时间", text: "**还剩 30 天**" } } }]);
    expect(sends).toEqual([]);
  });
  it("falls back to a robot 1:1 send when the webhook has expired", async () => {
    const { replier, posts, sends } = setup();
    await replier.send(robotMessage({ ...hook, sessionWebhookExpiredTime: NOW - 1, senderStaffId: "admin1" }), reply);
    expect(posts).toEqual([]);
    expect(sends).toEqual([{ to: "users:admin1", msg: { msgKey: "sampleMarkdown", msgParam: reply } }]);
  });
  it("falls back to the group when DingTalk says the session is gone, in a group", async () => {
    const { replier, sends } = setup({ status: 200, body: { errcode: 300001, errmsg: "session 不存在" } });
    await replier.send(robotMessage({ ...hook, conversationType: "2", conversationId: "cid-g" }), reply);
    expect(sends.map((s) => s.to)).toEqual(["group:cid-g"]);
  });
  it("refuses to post to a foreign host (SSRF guard) and uses the robot API instead", async () => {
    const { replier, posts, sends } = setup();
    await replier.send(robotMessage({ ...hook, sessionWebhook: "http://169.254.169.254/robot/sendBySession?session=x" }), reply);
    expect(posts).toEqual([]);
    expect(sends.map((s) => s.to)).toEqual(["users:admin1"]);
  });
  it("raises DingTalk errors other than expiry, and cannot fall back without a userid", async () => {
    await expect(setup({ status: 500, body: { errcode: -1, errmsg: "busy" } }).replier.send(robotMessage(hook), reply)).rejects.toMatchObject({ code: "dingtalk_unavailable" });
    await expect(setup().replier.send(robotMessage({ senderStaffId: undefined }), reply)).rejects.toMatchObject({ code: "dingtalk_error" });
  });
});
