import { describe, expect, it } from "vitest";
import { groupPrivacy } from "../../../../src/bot/middleware/group-privacy.middleware.js";
import { contractIntent } from "../../../../src/bot/intents/contract.intent.js";
import { quotaIntent } from "../../../../src/bot/intents/quota.intent.js";
import { INTENTS, routeText } from "../../../../src/bot/intents/index.js";
import type { Intent } from "../../../../src/bot/bot-context.js";
import { ctxFor, nextSpy, prepared } from "./middleware-kit.js";
import { norm } from "../intents/match-kit.js";

const ORDINARY = { isGroup: true, privileged: false, id: "cid-project" };
const ADMIN_GROUP = { isGroup: true, privileged: true, id: "cid-admins" };
const ONE_TO_ONE = { isGroup: false, privileged: true, id: "cid-1to1" };
const PRIVATE_CHANGE = "这项操作会更改合同、用量或提醒设置，只能在与我的私聊或管理员群中进行。请私聊我再发一次。";

describe("groupPrivacy middleware", () => {
  it.each([
    ["money in an ordinary group", contractIntent, ORDINARY, false],
    ["money in an admin group", contractIntent, ADMIN_GROUP, true],
    ["money in a 1:1 chat", contractIntent, ONE_TO_ONE, true],
    ["quotas in an ordinary group", quotaIntent, ORDINARY, true],
  ] as const)("%s → continues: %s", async (_n, intent, conversation, continues) => {
    const { ctx, replies } = ctxFor();
    prepared(ctx, "x", { isAdmin: true }, conversation).route = { intent: intent as Intent<unknown>, params: {} };
    const next = nextSpy();
    await groupPrivacy()(ctx, next);
    expect(next.called).toBe(continues ? 1 : 0);
    expect(replies.map((r) => r.text)).toEqual(continues ? [] : ["合同金额、发票和滞纳金只在管理员群或私聊中显示。请私聊我继续查看。"]);
  });

  const CHANGES = [
    "合同终止", "终止合同", "已续费", "我们已经续费了", "正在续费", "不续费", "电话会议用了 90 分钟", "DING 用了 30 条", "云盘已用 300GB", "API调用 12万次",
    "撤销", "撤回上一条", "暂停提醒 7 天", "确认提醒", "订阅提醒", "取消订阅", "确认终止", "确认录入", "确认", "取消",
  ];
  it.each(CHANGES)("refuses the state change %j in an ordinary group, and lets it through 1:1 and in admin groups", async (raw) => {
    for (const [conversation, continues] of [[ORDINARY, false], [ADMIN_GROUP, true], [ONE_TO_ONE, true]] as const) {
      const { ctx, replies } = ctxFor();
      prepared(ctx, norm(raw), { isAdmin: true }, conversation).route = routeText(norm(raw));
      const next = nextSpy();
      await groupPrivacy()(ctx, next);
      expect(next.called).toBe(continues ? 1 : 0);
      expect(replies.map((r) => r.text)).toEqual(continues ? [] : [PRIVATE_CHANGE]);
      if (!continues) expect(ctx.outcome).toBe("refused_group");
    }
  });

  it.each(["提醒列表", "DING还剩多少", "专业版什么时候到期", "退款条款", "我们买了什么"])("reads such as %j still work in an ordinary group", async (raw) => {
    const { ctx } = ctxFor();
    prepared(ctx, norm(raw), { isAdmin: true }, ORDINARY).route = routeText(norm(raw));
    const next = nextSpy();
    await groupPrivacy()(ctx, next);
    expect(next.called).toBe(1);
  });

  it("every intent that writes declares it", () => {
    const writers = INTENTS.filter((i) => i.writes !== undefined).map((i) => i.name).sort();
    expect(writers).toEqual(["confirm", "reminders", "renewal", "renewal.undo", "usage.record", "usage.undo"]);
  });

  it("masks every later reply in an ordinary group (error replies too), and none elsewhere", async () => {
    const secret = "账号 6222 0212 3456 7890 123，电话 13812345678，金额 8820 元，邮箱 cfo@example.com";
    for (const [conversation, masked] of [[ORDINARY, true], [ADMIN_GROUP, false], [ONE_TO_ONE, false]] as const) {
      const { ctx, replies } = ctxFor();
      prepared(ctx, "x", { isAdmin: true }, conversation).route = { intent: quotaIntent as Intent<unknown>, params: {} };
      await groupPrivacy()(ctx, async () => ctx.reply({ title: "¥8,820.00", text: secret }));
      expect(replies).toEqual([masked
        ? { title: "¥\\*\\*\\*", text: "账号 \\*\\*\\*，电话 \\*\\*\\*，金额 \\*\\*\\*元，邮箱 \\*\\*\\*" }
        : { title: "¥8,820.00", text: secret }]);
    }
  });
});
