import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botHarness, importFixture, type BotHarness } from "./bot-harness.js";

describe("bot answers from a contract imported through the real parser (direct fixture)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness("sqlite");
    await importFixture(h.services, "direct-basic.txt");
  });
  afterAll(async () => h?.close());

  it("contract: amount with matching capitals, both vendors, the term", async () => {
    const [r] = await h.ask("合同");
    expect(r).toContain("金额：**¥12,800.00**（壹万贰仟捌佰元整 ✓）");
    expect(r).toMatch(/乙方：.+、.+/);
    expect(r).toContain("服务期：2024-03-15 → 2025-03-14（12 个月）");
  });

  it("expiry: date and days left from the import's start date", async () => {
    expect((await h.ask("什么时候到期"))[0]).toMatch(/^\*\*钉钉专业版将于 2025-03-14 到期，还剩 343 天。\*\*/);
  });

  it("clause search quotes the refund clause with its ref (built-in search)", async () => {
    const [r] = await h.ask("退款条款");
    expect(r).toMatch(/^\*\*与「退款」相关的条款（\d）：\*\*/);
    expect(r).toMatch(/> \*\*(合同|附件) [\d.]+\*\* .*退/);
  });

  it("capacity, data recovery and 'what if it runs out' come from the annex, citing its row", async () => {
    const [meeting] = await h.ask("视频会议最多能开多大的会");
    expect(meeting).toContain("**视频会议专业版：单场最多 200 方参会**");
    expect(meeting).toContain("依据：附件 1.2「视频会议专业版」：8个200方24小时高清会议");
    expect((await h.ask("视频会议一场能开多久"))[0]).toContain("**视频会议专业版：单场最长 24 小时**");
    expect((await h.ask("直播最多多少人看"))[0]).toContain("没有「直播」这项权益");
    expect((await h.ask("数据恢复还能用几次"))[0]).toContain("**数据恢复：组织架构、成员信息、内部群聊、群文件各 2 次**");
    const [out] = await h.ask("电话会议分钟用完了怎么办");
    expect(out).toContain("本服务期于 2025-03-14 结束");
    expect(out).toContain("可续约或充值（附件 2.1）");
  });

  it("the contract's own quotas answer usage questions", async () => {
    expect((await h.ask("电话会议还剩多少"))[0]).toContain("**电话会议：剩余 6,000 / 6,000 分钟**");
    expect((await h.ask("DING 用了 50 条"))[0]).toMatch(/^已记录 ✅ DING −50 条（王管理，2024-04-05 14:02）。剩余 1,950 条。/);
  });
});
