import { describe, expect, it } from "vitest";
import { dedupe } from "../../../../src/bot/middleware/dedupe.middleware.js";
import { ctxFor, nextSpy } from "./middleware-kit.js";

describe("dedupe middleware", () => {
  it("claims the msgId and continues the first time, drops a second delivery", async () => {
    const seen = new Set<string>();
    const claimMessage = async (id: string) => !seen.has(id) && Boolean(seen.add(id));
    const next = nextSpy();
    const first = ctxFor({ msgId: "m1" }, { claimMessage });
    await dedupe()(first.ctx, next);
    const again = ctxFor({ msgId: "m1" }, { claimMessage });
    await dedupe()(again.ctx, next);
    expect(next.called).toBe(1);
    expect(again.replies).toEqual([]);
  });
  it("passes a message the transport already claimed without claiming again", async () => {
    let claims = 0;
    const { ctx } = ctxFor({ msgId: "m2" }, { claimMessage: async () => (claims++, false) }, true);
    const next = nextSpy();
    await dedupe()(ctx, next);
    expect(next.called).toBe(1);
    expect(claims).toBe(0);
  });
});
