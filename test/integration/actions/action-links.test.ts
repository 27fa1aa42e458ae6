import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../../../src/bot/bot-runtime.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { ContractEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import type { Services } from "../../../src/services/create-services.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { buildContractDocument, seedContract } from "../../support/contract-factory.js";
import { fakeMessenger, instance, reminderConfig } from "../../support/reminder-harness.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T7 = "2025-09-23T01:30:00Z"; // Tue 09:30 Shanghai, 7 days before a term ending 2025-09-30
const LINK = /\[([^\]]+)\]\((dtmd:\/\/dingtalkclient\/sendMessage\?content=[^)]+)\)/g;

/** The text a tap on a dtmd link sends to the robot. */
function tapped(link: string): string {
  return decodeURIComponent(new URL(link.replace("dtmd://", "https://")).searchParams.get("content") ?? "");
}

describe("one-tap action links: a T-7 reminder over real sockets, the admin taps 已续费", () => {
  let fake: FakeDingTalk;
  let db: TestDatabase;
  let services: Services;
  let bot: RunningBot;
  let contractId: number;
  const clock = new FixedClock(T7);

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    db = await openTestDatabase("sqlite");
    const config = reminderConfig({ fake });
    const { clients, messenger } = fakeMessenger(fake, clock);
    services = instance(db.ds, config, clock, { messenger });
    contractId = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: buildContractDocument({ deadlines: { payment: null, invoice: null } }) });
    const claims = new ClaimsRepository(db.ds);
    bot = startBot({ services, config, log: silentLogger, clock, dingtalk: clients, claimMessage: (id) => claims.claimMessage(id, "i1", clock.now()) });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the Stream connection");
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await db?.drop();
  });

  const batchTexts = () => fake.sent.filter((s) => s.api === "robot.batchSend").map((s) => String(s.msgParam?.text ?? ""));

  it("the 1:1 digest carries dtmd links that send the bot's own phrases; the admin group gets none", async () => {
    const r = await services.runReminderSweep({ now: new Date(T7) });
    expect(r.notices.some((n) => n.kind === "renewal" && n.channel === "robot")).toBe(true);
    const [text] = batchTexts();
    const links = [...text!.matchAll(LINK)].map((m) => [m[1], tapped(m[2]!)]);
    expect(links).toEqual([["已续费", "已续费"], ["7天后提醒", "7天后提醒"], ["已处理", "已处理"], ["查看合同", "查看合同"]]);
    expect(text).toContain("[已续费](dtmd://dingtalkclient/sendMessage?content=%E5%B7%B2%E7%BB%AD%E8%B4%B9)");
    const group = fake.sent.filter((s) => s.api === "robot.groupSend").map((s) => String(s.msgParam?.text ?? ""));
    expect(group.length).toBeGreaterThan(0);
    expect(group.every((g) => !g.includes("dtmd://"))).toBe(true);
  });

  it("a tap on 已续费 reaches the bot, renews the contract, answers with what changed and the next steps, and stops renewal notices", async () => {
    const link = [...batchTexts()[0]!.matchAll(LINK)].find((m) => m[1] === "已续费")![2]!;
    const msgId = fake.pushRobotMessage({ text: tapped(link), senderStaffId: "admin1", conversationType: "1" });
    await fake.waitFor((f) => f.replies.some((x) => x.inReplyTo === msgId), 5000, "the reply");
    const reply = String((fake.replies.find((x) => x.inReplyTo === msgId)!.body.markdown as { text: string }).text);
    expect(reply).toContain("已登记：**已续费** ✅ 续费提醒和数据删除提醒已停止。");
    const next = [...reply.matchAll(LINK)].map((m) => tapped(m[2]!));
    expect(next).toEqual(["撤销续费", "查看合同", "提醒列表"]);
    expect((await db.ds.manager.findOneByOrFail(ContractEntity, { id: contractId })).status).toBe("renewed");
    clock.set("2025-09-28T01:30:00Z");
    const later = await services.runReminderSweep({ now: new Date("2025-09-28T01:30:00Z") });
    expect(later.notices.filter((n) => n.kind === "renewal" || n.kind === "data_deletion")).toEqual([]);
  });

  it("「撤销续费」 takes the declaration back within the hour (only the declarer's own), and renewal notices resume", async () => {
    await services.declareRenewal({ actor: "admin1", declaration: "not_renewing", contractId });
    await services.declareRenewal({ actor: "admin1", declaration: "renewed", contractId });
    const other = fake.pushRobotMessage({ text: "撤销续费", senderStaffId: "admin2", conversationType: "1" });
    await fake.waitFor((f) => f.replies.some((x) => x.inReplyTo === other), 5000, "the refusal");
    expect(String((fake.replies.find((x) => x.inReplyTo === other)!.body.markdown as { text: string }).text)).toContain("没有可以撤销的续费登记");
    expect((await db.ds.manager.findOneByOrFail(ContractEntity, { id: contractId })).status).toBe("renewed");
    const own = fake.pushRobotMessage({ text: "撤销续费", senderStaffId: "admin1", conversationType: "1" });
    await fake.waitFor((f) => f.replies.some((x) => x.inReplyTo === own), 5000, "the undo");
    expect(String((fake.replies.find((x) => x.inReplyTo === own)!.body.markdown as { text: string }).text)).toContain("合同恢复为：**未续费（提醒照常）**");
    expect((await db.ds.manager.findOneByOrFail(ContractEntity, { id: contractId })).status).toBe("active");
    const again = await services.runReminderSweep({ now: new Date("2025-09-28T01:30:00Z") });
    expect(again.notices.some((n) => n.kind === "renewal")).toBe(true);
  });

  it("a non-admin's tap changes nothing", async () => {
    await services.declareRenewal({ actor: "admin1", declaration: "not_renewing", contractId });
    const msgId = fake.pushRobotMessage({ text: "已续费", senderStaffId: "emp42", conversationType: "1" });
    await fake.waitFor((f) => f.replies.some((x) => x.inReplyTo === msgId), 5000, "the refusal");
    expect((await db.ds.manager.findOneByOrFail(ContractEntity, { id: contractId })).status).toBe("active");
  });

  it("「已处理」 acknowledges and 「录入用量」 explains how to record usage", async () => {
    const ack = fake.pushRobotMessage({ text: "已处理", senderStaffId: "admin1", conversationType: "1" });
    const usage = fake.pushRobotMessage({ text: "录入用量", senderStaffId: "admin1", conversationType: "1" });
    await fake.waitFor((f) => [ack, usage].every((id) => f.replies.some((x) => x.inReplyTo === id)), 5000, "both replies");
    const text = (id: string) => String((fake.replies.find((x) => x.inReplyTo === id)!.body.markdown as { text: string }).text);
    expect(text(ack)).toContain("已确认 ✅");
    expect(text(usage)).toContain("「DING 已用 360」");
  });
});
