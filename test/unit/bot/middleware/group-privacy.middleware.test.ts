import { describe, expect, it } from "vitest";
import { groupPrivacy } from "../../../../src/bot/middleware/group-privacy.middleware.js";
import { contractIntent } from "../../../../src/bot/intents/contract.intent.js";
import { quotaIntent } from "../../../../src/bot/intents/quota.intent.js";
import type { Intent } from "../../../../src/bot/bot-context.js";
import { ctxFor, nextSpy, prepared } from "./middleware-kit.js";

describe("groupPrivacy middleware", () => {
  it.each([
    ["money in an ordinary group", contractIntent, { isGroup: true, privileged: false }, false],
    ["money in an admin group", contractIntent, { isGroup: true, privileged: true }, true],
    ["money in a 1:1 chat", contractIntent, { isGroup: false, privileged: true }, true],
    ["quotas in an ordinary group", quotaIntent, { isGroup: true, privileged: false }, true],
  ] as const)("%s → continues: %s", async (_n, intent, conversation, continues) => {
    const { ctx, replies } = ctxFor();
    prepared(ctx, "x", { isAdmin: true }, conversation).route = { intent: intent as Intent<unknown>, params: {} };
    const next = nextSpy();
    await groupPrivacy()(ctx, next);
    expect(next.called).toBe(continues ? 1 : 0);
    expect(replies.map((r) => r.text)).toEqual(continues ? [] : ["合同金额、发票和滞纳金只在管理员群或私聊中显示。请私聊我继续查看。"]);
  });
});
