import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingTalkClients } from "../../../src/dingtalk/dingtalk-clients.js";
import { robotMsg } from "../../../src/dingtalk/robot-messages.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { markRead } from "../../fakes/fake-read-status.js";

/** Read status of a 1:1 reminder against the fake over real sockets (the input of read-aware escalation). */
describe("read status of a 1:1 robot message", () => {
  let fake: FakeDingTalk;
  let now = Date.parse("2025-09-24T01:30:00Z");
  beforeEach(async () => {
    now = Date.parse("2025-09-24T01:30:00Z");
    fake = await FakeDingTalk.start({ now: () => now });
  });
  afterEach(async () => fake.close());

  const clients = () => createDingTalkClients({
    clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, robotCode: fake.app.robotCode, corpId: fake.app.corpId,
    apiBase: fake.baseUrl, oapiBase: fake.baseUrl, clock: { now: () => new Date(now) }, backoffBaseMs: 5, timeoutMs: 2000,
  });

  it("tells who read a send and who did not, within 24 hours only", async () => {
    const { openApi } = clients();
    const sent = await openApi.sendToUsers(["admin1", "admin2", "admin3"], robotMsg.markdown("续费提醒", "钉钉专业版 7 天后到期"));
    const key = sent.processQueryKeys[0]!;
    expect(await openApi.getReadStatus(key)).toEqual({ sendStatus: "SUCCESS", read: [], unread: ["admin1", "admin2", "admin3"] });
    now += 3_600_000;
    markRead(fake.core, key, "admin2");
    expect(await openApi.getReadStatus(key)).toMatchObject({ read: ["admin2"], unread: ["admin1", "admin3"] });
    now += 24 * 3_600_000;
    await expect(openApi.getReadStatus(key)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("24 hours") });
    await expect(openApi.getReadStatus("")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
