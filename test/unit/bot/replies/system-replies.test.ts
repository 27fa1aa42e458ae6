import { describe, expect, it } from "vitest";
import { renewalReply } from "../../../../src/bot/replies/renewal.reply.js";
import { errorReply, fallbackReply, helpReply } from "../../../../src/bot/replies/system.reply.js";
import { AppError } from "../../../../src/lib/app-error.js";

describe("system replies", () => {
  it.each([
    ["not_found", { subject: "contract" }, "还没有导入合同"],
    ["not_found", { subject: "usage_entry" }, "没有可以撤销的用量记录。"],
    ["conflict", { subject: "usage_entry" }, "这条记录已经撤销过了。"],
    ["dingtalk_unavailable", undefined, "暂时连不上钉钉，请稍后再试。"],
    ["rate_limited", undefined, "请求太频繁了"],
    ["internal", undefined, "抱歉，处理这条消息时出错了"],
  ] as const)("maps %s (%o) once", (code, details, text) => {
    const r = errorReply(new AppError(code, "internal detail", details), "zh");
    expect(r.text).toContain(text);
    if (code !== "not_found" && code !== "conflict") expect(r.text).not.toContain("internal detail");
  });
  it("help says figures are admin-only to non-admins, and speaks English", () => {
    expect(helpReply("zh", false).text).toContain("仅对企业管理员开放");
    expect(helpReply("zh", true).text).not.toContain("仅对企业管理员开放");
    expect(helpReply("en", true).text).toMatch(/^\*\*I'm the DingTalk Pro steward/);
  });
  it("short help lists the suggestions", () => {
    expect(fallbackReply("zh", ["DING 还剩多少", "不续费会怎样"]).text).toContain("试试「DING 还剩多少」「不续费会怎样」，或发「帮助」。");
  });
  it.each([
    ["renewed", "续费提醒和数据删除提醒已停止"], ["renewing", "不再 DING"], ["not_renewing", "提醒会继续"], ["terminated", "所有提醒已停止"],
  ] as const)("renewal %s says which reminders stop", (d, text) => expect(renewalReply(d, "zh").text).toContain(text));
});
