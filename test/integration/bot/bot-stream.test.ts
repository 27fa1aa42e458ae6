import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../../../src/bot/bot-runtime.js";
import { createDingTalkClients } from "../../../src/dingtalk/dingtalk-clients.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { Waiter } from "../../fakes/waiter.js";
import { BOT_NOW, botConfig } from "../../support/bot-fixtures.js";
import { seedContract } from "../../support/contract-factory.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

let fake: FakeDingTalk;
let db: TestDatabase;
let services: Services;
const clock = new FixedClock(BOT_NOW);
const bots: RunningBot[] = [];
const claimLog: { msgId: string; won: boolean }[] = [];
const waiter = new Waiter();

beforeAll(async () => {
  fake = await FakeDingTalk.start({ gateway: { redeliveryDelayMs: 150 } });
  db = await openTestDatabase("sqlite");
  const config = botConfig(fake.env());
  services = createServices({ ds: db.ds, clock, log: silentLogger, config });
  await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2023-05-06" });
  fake.addUser({ userid: "boss7", sysLevel: 1 });
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

/** One steward instance (its own Stream connection) on the shared database. */
function instance(id: string): RunningBot {
  const config = botConfig({ ...fake.env(), STEWARD_ADMIN_USERIDS: "admin1" });
  const claims = new ClaimsRepository(db.ds);
  const dingtalk = createDingTalkClients({ ...config.dingtalk!, clock });
  const bot = startBot({
    services, config, log: silentLogger, clock, dingtalk, onStreamState: waiter.notify,
    claimMessage: async (msgId) => {
      const won = await claims.claimMessage(msgId, id, clock.now());
      claimLog.push({ msgId, won });
      waiter.notify();
      return won;
    },
  });
  bots.push(bot);
  return bot;
}

const replyTo = (msgId: string) => fake.replies.filter((r) => r.inReplyTo === msgId);
const text = (r: { body: Record<string, unknown> }) => (r.body.markdown as { text: string }).text;

describe("bot over the fake DingTalk Stream gateway (real SDK, real sockets, real database)", () => {
  it("ACKs a question, then answers it with the right figures through the session webhook; readiness follows the socket", async () => {
    const bot = instance("a");
    expect(bot.readiness.check().ok).toBe(false);
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    await waiter.until(() => bot.readiness.check().ok, 5000, "readiness");
    const msgId = fake.pushRobotMessage({ text: "电话会议还剩多少", senderStaffId: "admin1", senderNick: "王管理" });
    await fake.waitFor(() => replyTo(msgId).length === 1, 5000, "the reply");
    const [reply] = replyTo(msgId);
    expect(reply.body.msgtype).toBe("markdown");
    expect(text(reply)).toContain("**电话会议：剩余 5,000 / 5,000 分钟**（本服务年 2023-05-06 起）");
    const delivery = fake.stream.deliveries.find((d) => d.msgId === msgId)!;
    const ack = fake.stream.acks.find((a) => a.messageId === delivery.messageId)!;
    expect(ack.at).toBeLessThanOrEqual(reply.at);
    expect(bot.readiness.check().detail).toMatchObject({ state: "open", messages: 1 });
  });

  it("an unACKed message is redelivered and still answered once", async () => {
    instance("a");
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    fake.dropAcks(1);
    const msgId = fake.pushRobotMessage({ text: "DING还剩多少", senderStaffId: "admin1" });
    await fake.waitFor((f) => f.stream.deliveries.filter((d) => d.msgId === msgId).length === 2, 5000, "the redelivery");
    await waiter.until(() => claimLog.filter((c) => c.msgId === msgId).length === 2, 5000, "both claims");
    await fake.waitFor(() => replyTo(msgId).length >= 1, 5000, "the reply");
    expect(claimLog.filter((c) => c.msgId === msgId).map((c) => c.won).sort()).toEqual([false, true]);
    expect(replyTo(msgId)).toHaveLength(1);
  });

  it("two instances on one database answer every message exactly once, redeliveries included", async () => {
    instance("a");
    instance("b");
    await fake.waitFor((f) => f.openConnections().length === 2, 5000, "two connections");
    fake.dropAcks(3);
    const ids = ["DING还剩多少", "专业版什么时候到期", "所有额度", "不续费会怎样", "帮助"].map((q) => fake.pushRobotMessage({ text: q, senderStaffId: "admin1" }));
    await waiter.until(() => claimLog.filter((c) => ids.includes(c.msgId)).length === 8, 8000, "5 first deliveries + 3 redeliveries claimed");
    await fake.waitFor(() => ids.every((id) => replyTo(id).length >= 1), 5000, "every reply");
    for (const id of ids) expect(replyTo(id)).toHaveLength(1);
    expect(claimLog.filter((c) => ids.includes(c.msgId) && c.won)).toHaveLength(5);
  });

  it("knows org admins from DingTalk's admin list, and refuses everyone else", async () => {
    instance("a");
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    const boss = fake.pushRobotMessage({ text: "DING还剩多少", senderStaffId: "boss7" });
    const staff = fake.pushRobotMessage({ text: "DING还剩多少", senderStaffId: "emp42" });
    await fake.waitFor(() => replyTo(boss).length === 1 && replyTo(staff).length === 1, 5000, "both replies");
    expect(text(replyTo(boss)[0])).toContain("**DING：剩余 1,000 / 1,000 条**");
    expect(text(replyTo(staff)[0])).toBe("抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。");
    expect(fake.requestsFor("oapi.user.listadmin").length).toBe(1);
  });

  it("replies 1:1 through the robot API once the session webhook has expired", async () => {
    instance("a");
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    const before = fake.sent.length;
    const msgId = fake.pushRobotMessage({ text: "专业版还有多久到期", senderStaffId: "admin1", sessionTtlMs: 1 });
    fake.expireSessions();
    await fake.waitFor((f) => f.sent.length === before + 1, 5000, "the 1:1 send");
    const sent = fake.sent[before];
    expect(sent).toMatchObject({ api: "robot.batchSend", userIds: ["admin1"], msgKey: "sampleMarkdown" });
    expect(String(sent.msgParam?.text)).toContain("还剩 30 天");
    expect(replyTo(msgId)).toHaveLength(0);
  });

  it("answers a picture in a group with the text-only note, in that group", async () => {
    instance("a");
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    const msgId = fake.pushRobotMessage({ msgtype: "picture", conversationType: "2", senderStaffId: "admin1", extra: { content: { downloadCode: "x" } } });
    await fake.waitFor(() => replyTo(msgId).length === 1, 5000, "the reply");
    expect(text(replyTo(msgId)[0])).toContain("目前只支持文字消息");
  });
});
