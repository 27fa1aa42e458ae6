import { describe, expect, it } from "vitest";
import { authorize } from "../../../../src/bot/middleware/authorize.middleware.js";
import { helpIntent } from "../../../../src/bot/intents/help.intent.js";
import { quotaIntent } from "../../../../src/bot/intents/quota.intent.js";
import { FALLBACK_INTENT } from "../../../../src/bot/intents/index.js";
import type { Intent } from "../../../../src/bot/bot-context.js";
import { ctxFor, nextSpy, prepared } from "./middleware-kit.js";

describe("authorize middleware", () => {
  it("refuses a non-admin politely, with no figures", async () => {
    const { ctx, replies } = ctxFor();
    prepared(ctx, "合同多少钱", { isAdmin: false }).route = { intent: quotaIntent as Intent<unknown>, params: {} };
    const next = nextSpy();
    await authorize()(ctx, next);
    expect(next.called).toBe(0);
    expect(replies.map((r) => r.text)).toEqual(["抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。"]);
  });
  it.each([["help", helpIntent], ["fallback", FALLBACK_INTENT]])("lets everyone reach %s", async (_n, intent) => {
    const { ctx } = ctxFor();
    prepared(ctx, "帮助", { isAdmin: false }).route = { intent: intent as Intent<unknown>, params: {} };
    const next = nextSpy();
    await authorize()(ctx, next);
    expect(next.called).toBe(1);
  });
  it("lets admins through", async () => {
    const { ctx } = ctxFor();
    prepared(ctx, "DING还剩多少", { isAdmin: true }).route = { intent: quotaIntent as Intent<unknown>, params: {} };
    const next = nextSpy();
    await authorize()(ctx, next);
    expect(next.called).toBe(1);
  });
});
