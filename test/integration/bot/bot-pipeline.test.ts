import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageRecordEntity } from "../../../src/db/entities/index.js";
import { ContractRepository } from "../../../src/db/repositories/contract.repository.js";
import { robotMessage } from "../../support/bot-fixtures.js";
import { buildContractDocument, seedContract } from "../../support/contract-factory.js";
import { DRIVERS } from "../../support/test-databases.js";
import { botHarness, type BotHarness } from "./bot-harness.js";

describe.each(DRIVERS)("bot pipeline over real services on %s", (driver) => {
  let h: BotHarness;
  let contractId: number;
  beforeAll(async () => {
    h = await botHarness(driver);
    const doc = buildContractDocument({ amount: { fen: 882000, currency: "CNY", words: "捌仟捌佰贰拾元整", wordsFen: 882000 }, sources: { "deadlines.invoice": "2.3" } });
    contractId = await seedContract(h.db.ds, { doc, startsOn: "2023-05-06" });
    await new ContractRepository(h.db.ds).setDates(contractId, { paidOn: "2024-03-01" }, h.clock.now());
  });
  afterAll(async () => h?.close());

  it("answers expiry with the date, the days left and the cited consequences", async () => {
    const [r] = await h.ask("专业版还有多久到期");
    expect(r).toMatch(/^\*\*钉钉专业版将于 2024-05-05 到期，还剩 30 天。\*\*/);
    expect(r).toContain("聊天记录仅保留近 180 天（附件 2.3）");
    expect(r).toContain("可能被清除且不可恢复（附件 2.4）");
  });

  it("records usage, answers with what is left, and undoes it (ledger changes in the database)", async () => {
    expect(await h.ask("电话会议用了 1,240 分钟")).toEqual(["已记录 ✅ 电话会议 −1,240 分钟（王管理，2024-04-05 14:02）。剩余 3,760 分钟。回复「撤销」可撤回。"]);
    expect(await h.ask("电话会议用了 90 分钟")).toEqual(["已记录 ✅ 电话会议 −90 分钟（王管理，2024-04-05 14:02）。剩余 3,670 分钟。回复「撤销」可撤回。"]);
    const row = await h.db.ds.manager.findOneByOrFail(UsageRecordEntity, { contractId, amount: 90 });
    expect(row).toMatchObject({ source: "bot", recordedBy: "admin1", note: "电话会议用了 90 分钟", revokedAt: null });
    expect(await h.ask("撤销")).toEqual(["已撤销 ↩️ 电话会议 −90 分钟。现在剩余 3,760 分钟。"]);
    const [q] = await h.ask("电话会议还剩多少");
    expect(q).toContain("**电话会议：剩余 3,760 / 5,000 分钟**");
    expect(q).toContain("数据来源：机器人录入，截至今天 14:02");
  });

  it("records a storage reading and reports the cap", async () => {
    expect(await h.ask("云盘已用 812GB")).toEqual(["已记录 ✅ 云盘空间（数字资产管理） 当前已用 812 GB（王管理，2024-04-05 14:02）。剩余 212 GB。回复「撤销」可撤回。"]);
    expect((await h.ask("云盘快满了吗"))[0]).toContain("已用 812 / 1,024 GB（79.3%）");
  });

  it("computes the late-invoice penalty from the stored contract", async () => {
    const [r] = await h.ask("发票开了吗");
    expect(r).toContain("尚未收到发票，已逾期 28 天");
    expect(r).toContain("**¥493.92**（¥8,820.00 × 0.2% × 28）");
  });

  it("refuses a non-admin politely, but still helps them", async () => {
    const other = { senderStaffId: "emp42", senderNick: "张三" };
    expect(await h.ask("合同多少钱", other)).toEqual(["抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。"]);
    expect(await h.ask("DING 用了 30 条", other)).toEqual(["抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。"]);
    expect((await h.ask("帮助", other))[0]).toContain("仅对企业管理员开放");
  });

  it("keeps money out of ordinary groups, but shows it in admin groups; quotas are fine anywhere", async () => {
    const group = { conversationType: "2", conversationId: "cid-project" } as const;
    expect(await h.ask("合同金额", group)).toEqual(["合同金额、发票和滞纳金只在管理员群或私聊中显示。请私聊我继续查看。"]);
    expect((await h.ask("合同金额", { conversationType: "2", conversationId: "cid-admins" }))[0]).toContain("**¥8,820.00**");
    expect((await h.ask("DING还剩多少", group))[0]).toContain("**DING：剩余 1,000 / 1,000 条**");
  });

  it("declares renewal and says which reminders stop; the expiry answer then says so", async () => {
    expect((await h.ask("已续费"))[0]).toContain("续费提醒和数据删除提醒已停止");
    expect((await new ContractRepository(h.db.ds).graph(contractId))?.contract.status).toBe("renewed");
    expect((await h.ask("什么时候到期"))[0]).toContain("已登记续费 ✅");
    await h.ask("不续费");
    expect((await new ContractRepository(h.db.ds).graph(contractId))?.contract.status).toBe("active");
  });

  it("answers each message once: a second delivery of the same msgId is dropped", async () => {
    const msg = { msgId: "msg-dup-1" };
    expect(await h.ask("DING还剩多少", msg)).toHaveLength(1);
    expect(await h.ask("DING还剩多少", msg)).toEqual([]);
  });

  describe("bad chat input", () => {
    it.each([
      ["empty", { text: { content: "" } }, /我是钉钉专业版管家/],
      ["only an @mention", { text: { content: "@钉钉管家 " } }, /我是钉钉专业版管家/],
      ["emoji only", { text: { content: "😀🎉" } }, /我是钉钉专业版管家/],
      ["a payload without text", { text: undefined }, /我是钉钉专业版管家/],
      ["a picture", { msgtype: "picture", text: undefined, content: { downloadCode: "x" } }, /^目前只支持文字消息/],
      ["a file", { msgtype: "file", text: undefined, content: { fileName: "合同.pdf", downloadCode: "x" } }, /^目前只支持文字消息/],
      ["audio", { msgtype: "audio", text: undefined, content: { duration: 2, downloadCode: "x" } }, /^目前只支持文字消息/],
      ["10,000 characters", { text: { content: "钉".repeat(10_000) } }, /^我可以帮你查/],
      ["SQL-looking text", { text: { content: "'; DROP TABLE users; --" } }, /^I can tell you/],
      ["HTML", { text: { content: "<img src=x onerror=alert(1)>" } }, /^I can tell you/],
    ] as const)("%s gets one polite answer", async (_name, over, expected) => {
      const ctx = await h.pipeline(robotMessage(over as never));
      expect(ctx.sent).toHaveLength(1);
      expect(ctx.sent[0].text).toMatch(expected);
    });

    it("stores HTML/SQL-looking usage notes verbatim and echoes user text escaped", async () => {
      const text = "DING 用了 1 条 <b>'); DROP TABLE contract;--</b>";
      expect((await h.ask(text))[0]).toMatch(/^已记录 ✅ DING −1 条/);
      const row = await h.db.ds.manager.findOneByOrFail(UsageRecordEntity, { contractId, metric: "ding.messages" });
      expect(row.note).toBe(text);
      const [r] = await h.ask("条款 <script>alert(1)</script> 99.9");
      expect(r).toContain("&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
      expect(r).not.toContain("<script>");
      expect(await h.db.ds.manager.count(UsageRecordEntity)).toBeGreaterThan(0);
    });
  });
});
