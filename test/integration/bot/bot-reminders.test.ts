import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContract } from "../../support/contract-factory.js";
import { botHarness, type BotHarness } from "./bot-harness.js";

describe("reminder commands over the real reminder services", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness("sqlite");
    await seedContract(h.db.ds, { startsOn: "2023-05-06" });
  });
  afterAll(async () => h?.close());

  it("lists the next reminders of the contract, saying whether the asker receives them", async () => {
    const [r] = await h.ask("提醒列表");
    expect(r).toContain("**未来 60 天的提醒**");
    expect(r).toMatch(/- 2024-\d\d-\d\d \d\d:\d\d .+/);
    expect(r).toContain("你会收到这些提醒 ✅");
  });

  it("answers 'when is the next reminder' from the upcoming list, never with an internal key", async () => {
    const [r] = await h.ask("下次提醒是什么时候");
    expect(r).toMatch(/^\*\*下次提醒：2024-\d\d-\d\d \d\d:\d\d\*\* \S+/);
    expect(r).not.toMatch(/[A-Za-z]+[-+]\d+@\d{4}|fix@|read@/);
    const [en] = await h.ask("when is the next reminder");
    expect(en).toMatch(/^\*\*Next reminder: 2024-\d\d-\d\d \d\d:\d\d\*\* [A-Z]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]|[A-Za-z]+[-+]\d+@\d{4}/u);
  });

  it("unsubscribes and subscribes the asker", async () => {
    expect((await h.ask("取消订阅"))[0]).toContain("已取消订阅");
    expect((await h.services.reminderRecipients()).users).not.toContain("admin1");
    expect((await h.ask("提醒列表"))[0]).toContain("你没有订阅");
    expect((await h.ask("订阅提醒"))[0]).toContain("已订阅 ✅");
    expect((await h.services.reminderRecipients()).users).toContain("admin1");
  });

  it("snoozes every notice of the contract for N days, and acknowledges the current cycle", async () => {
    expect(await h.ask("暂停提醒 7 天")).toEqual([
      "好的，本合同的提醒暂停 7 天，2024-04-12 起恢复（对所有管理员生效）。\n\n下一步：[已处理](dtmd://dingtalkclient/sendMessage?content=%E5%B7%B2%E5%A4%84%E7%90%86) · [提醒列表](dtmd://dingtalkclient/sendMessage?content=%E6%8F%90%E9%86%92%E5%88%97%E8%A1%A8)",
    ]);
    expect((await h.services.listUpcoming({ days: 60 })).filter((u) => !u.delivered).every((u) => u.snoozedUntil === null || u.snoozedUntil === "2024-04-12")).toBe(true);
    expect((await h.ask("确认提醒"))[0]).toContain("已确认 ✅");
    expect((await h.services.listUpcoming({ days: 60 })).some((u) => u.acknowledged)).toBe(true);
  });

  it("refuses non-admins", async () => {
    expect(await h.ask("暂停提醒 7 天", { senderStaffId: "emp42" })).toEqual(["抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。"]);
  });
});
