import { describe, expect, it } from "vitest";
import { handleIntent } from "../../../../src/bot/middleware/handle-intent.middleware.js";
import { routeIntent } from "../../../../src/bot/middleware/route-intent.middleware.js";
import type { Intent } from "../../../../src/bot/bot-context.js";
import { ctxFor, nextSpy, prepared } from "./middleware-kit.js";

const echo: Intent<{ n: number }> = {
  name: "echo", examples: { zh: ["回声"], en: [] },
  match: (t) => (t.startsWith("echo") ? { n: t.length } : null),
  handle: async (ctx, p) => ctx.reply({ title: "echo", text: `len ${p.n}` }),
};
const other: Intent<unknown> = { ...echo, name: "other", match: () => ({}) } as Intent<unknown>;

describe("routeIntent and handleIntent middleware", () => {
  it("routes to the first matching intent, else the fallback, and the handler replies with the params", async () => {
    const { ctx, replies } = ctxFor();
    prepared(ctx, "echo hi");
    await routeIntent([echo as Intent<unknown>], other)(ctx, nextSpy());
    expect(ctx.route?.intent.name).toBe("echo");
    expect(ctx.route?.params).toEqual({ n: 7 });
    const next = nextSpy();
    await handleIntent()(ctx, next);
    expect(replies.map((r) => r.text)).toEqual(["len 7"]);
    expect(next.called).toBe(1);
    const miss = ctxFor();
    prepared(miss.ctx, "nothing");
    await routeIntent([echo as Intent<unknown>], other)(miss.ctx, nextSpy());
    expect(miss.ctx.route?.intent.name).toBe("other");
  });
});
