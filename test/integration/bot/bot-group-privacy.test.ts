import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventEntity, ReminderStateEntity, ReminderSubscriptionEntity, UsageRecordEntity } from "../../../src/db/entities/index.js";
import { ContractRepository } from "../../../src/db/repositories/contract.repository.js";
import type { Services } from "../../../src/services/create-services.js";
import { DRIVERS } from "../../support/test-databases.js";
import { botHarness, type BotHarness } from "./bot-harness.js";

const ORDINARY = { conversationType: "2", conversationId: "cid-project" } as const;
const ADMIN_GROUP = { conversationType: "2", conversationId: "cid-admins" } as const;
const HIDDEN_NOTE = "（金额、账号、税号和联系方式已隐藏；私聊我可查看完整条款。）";

/** The payment clause 2.3 of the reseller fixture, filled in the way real contracts are (synthetic figures). */
const PAYMENT_DETAILS = [
  "乙方银行帐号：1100 2233 4455 6677 889",
  "统一社会信用代码：91110108MA01ABCD2X",
  "财务联系电话：010-8888 6666，手机 13812345678，客服 400-820-8820",
  "发票邮箱：finance@demo-it.example.com",
].join("\n");

/** A fixture's bytes; the reseller one with its empty bank-account line filled in. */
function fixture(name: string): Buffer {
  const text = readFileSync(new URL(`../../fixtures/contracts/${name}`, import.meta.url), "utf8");
  return Buffer.from(name === "reseller-basic.txt" ? text.replace("乙方银行帐号：", PAYMENT_DETAILS) : text);
}

async function importContract(services: Services, name: string): Promise<number> {
  return (await services.importContract({ bytes: fixture(name), fileName: name, actor: "test", force: true })).contractId;
}

/** Per fixture: clause questions whose quotes hold secrets, and the secrets that must not show in an ordinary group. */
const FIXTURES = [
  {
    name: "reseller-basic.txt",
    asks: ["第一条", "条款 2.1", "条款 2.2", "条款 2.3"],
    secrets: ["8820", "26460", "贰万陆仟肆佰陆拾", "1100 2233", "4455 6677", "91110108MA01ABCD2X", "8888 6666", "13812345678", "820-8820", "finance@demo-it"],
  },
  { name: "direct-basic.txt", asks: ["条款 1"], secrets: ["12800", "壹万贰仟捌佰"] },
] as const;

describe.each(DRIVERS)("privacy in groups that are not admin groups (%s)", (driver) => {
  describe.each(FIXTURES)("clause quotes of $name", ({ name, asks, secrets }) => {
    let h: BotHarness;
    beforeAll(async () => {
      h = await botHarness(driver);
      await importContract(h.services, name);
    });
    afterAll(async () => h?.close());

    it.each(asks)("%j: masked in an ordinary group, in full 1:1 and in the admin group", async (ask) => {
      const [group] = await h.ask(ask, ORDINARY);
      const [admin] = await h.ask(ask, ADMIN_GROUP);
      const [private1to1] = await h.ask(ask);
      for (const s of secrets) expect(group).not.toContain(s);
      expect(group).toContain("\\*\\*\\*");
      expect(group).toContain(HIDDEN_NOTE);
      expect(admin).not.toContain("\\*\\*\\*");
      expect(private1to1).toBe(admin);
      expect(secrets.filter((s) => admin.includes(s)).length).toBeGreaterThan(0);
    });

    it("all of the fixture's secrets appear unmasked 1:1 and none in an ordinary group", async () => {
      const groupReplies = (await Promise.all(asks.map((a) => h.ask(a, ORDINARY)))).flat().join("\n");
      const privateReplies = (await Promise.all(asks.map((a) => h.ask(a)))).flat().join("\n");
      expect(secrets.filter((s) => groupReplies.includes(s))).toEqual([]);
      expect(secrets.filter((s) => !privateReplies.includes(s))).toEqual([]);
    });
  });

  describe("state changes", () => {
    let h: BotHarness;
    let contractId: number;
    beforeAll(async () => {
      h = await botHarness(driver);
      contractId = await importContract(h.services, "reseller-basic.txt");
    });
    afterAll(async () => h?.close());

    const status = async () => (await new ContractRepository(h.db.ds).graph(contractId))?.contract.status;
    const rows = async () => {
      const m = h.db.ds.manager;
      return [await m.count(UsageRecordEntity), await m.count(ReminderStateEntity), await m.count(ReminderSubscriptionEntity)];
    };

    it.each([
      "合同终止", "终止合同", "已续费", "我们已经续费了", "正在续费", "不续费", "电话会议用了 90 分钟", "DING 用了 30 条", "云盘已用 300GB", "撤销",
      "暂停提醒 7 天", "确认提醒", "订阅提醒", "取消订阅", "确认终止", "确认录入",
    ])("%j in an ordinary group: must be done 1:1 (or in an admin group), nothing changes", async (text) => {
      expect(await h.ask(text, ORDINARY)).toEqual(["这项操作会更改合同、用量或提醒设置，只能在与我的私聊或管理员群中进行。请私聊我再发一次。"]);
      expect(await status()).toBe("active");
      expect(await rows()).toEqual([0, 0, 0]);
    });

    it("reading still works in an ordinary group", async () => {
      expect((await h.ask("DING还剩多少", ORDINARY))[0]).toContain("**DING：剩余 1,500 / 1,500 条**");
      expect((await h.ask("提醒列表", ORDINARY))[0]).not.toContain("私聊");
    });

    it("「合同终止」 asks first and says what will happen; nothing changes until 「确认终止」", async () => {
      const [ask] = await h.ask("合同终止");
      expect(ask).toContain("⚠️ **终止后：**《钉钉专业版销售与服务协议》");
      expect(ask).toContain("所有提醒（续费、数据删除、额度、付款和发票）都会停止");
      expect(ask).toContain("请在 5 分钟内（2024-04-05 14:07 前）回复「确认终止」；回复「取消」或超时则不做任何更改。");
      expect(await status()).toBe("active");
    });

    it("another admin, the same admin elsewhere, or a usage confirmation do not confirm it", async () => {
      expect((await h.ask("确认终止", { senderStaffId: "boss7", isAdmin: true }))[0]).toContain("没有等待你确认的操作");
      expect((await h.ask("确认终止", ADMIN_GROUP))[0]).toContain("没有等待你确认的操作");
      expect((await h.ask("确认录入"))[0]).toContain("正在等待确认的是终止合同，请回复「确认终止」");
      expect(await status()).toBe("active");
    });

    it("an expired request does nothing; 「取消」 drops a pending one", async () => {
      h.clock.advance(5 * 60_000);
      expect((await h.ask("确认终止"))[0]).toContain("确认已超过 5 分钟，没有做任何更改。如仍需操作，请重新发送「合同终止」。");
      h.clock.set("2024-04-05T06:02:00.000Z");
      await h.ask("合同终止");
      expect(await h.ask("取消")).toEqual(["已取消，没有做任何更改。"]);
      expect((await h.ask("确认终止"))[0]).toContain("没有等待你确认的操作");
      expect(await status()).toBe("active");
    });

    it("「确认终止」 within 5 minutes terminates once, in an admin group too; the audit trail shows request and confirmation", async () => {
      await h.ask("合同终止", ADMIN_GROUP);
      h.clock.advance(4 * 60_000);
      expect(await h.ask("确认终止", ADMIN_GROUP)).toEqual(["已登记：**合同终止**。该合同的所有提醒已停止。"]);
      h.clock.set("2024-04-05T06:02:00.000Z");
      expect(await status()).toBe("terminated");
      expect((await h.ask("确认终止", ADMIN_GROUP))[0]).toContain("没有等待你确认的操作");
      const actions = (await h.db.ds.manager.find(AuditEventEntity, { order: { id: "ASC" } })).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith("bot.confirmation.") || a === "contract.terminated")).toEqual([
        "bot.confirmation.requested", "bot.confirmation.requested", "bot.confirmation.cancelled",
        "bot.confirmation.requested", "bot.confirmation.confirmed", "contract.terminated",
      ]);
    });
  });
});
