import { describe, expect, it } from "vitest";
import { errorBoundary } from "../../../../src/bot/middleware/error-boundary.middleware.js";
import { AppError } from "../../../../src/lib/app-error.js";
import { ctxFor, spyLogger } from "./middleware-kit.js";

describe("errorBoundary middleware", () => {
  it("maps an AppError once, from its code and subject, to a friendly reply", async () => {
    const { ctx, replies } = ctxFor();
    await errorBoundary()(ctx, async () => { throw new AppError("not_found", "No contract has been imported yet.", { subject: "contract" }); });
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain("还没有导入合同");
  });
  it("shows the service's message (escaped) for input errors", async () => {
    const { ctx, replies } = ctxFor();
    await errorBoundary()(ctx, async () => { throw new AppError("invalid_input", "Unknown metric \"x_*y*\"."); });
    expect(replies[0].text).toContain("输入有误");
    expect(replies[0].text).toContain("x\\_\\*y\\*");
  });
  it("answers anything else with a short apology and logs it as an error", async () => {
    const log = spyLogger();
    const { ctx, replies } = ctxFor({}, { log });
    ctx.lang = "en";
    await errorBoundary()(ctx, async () => { throw new TypeError("boom at line 3"); });
    expect(replies[0].text).toMatch(/^Sorry, something went wrong/);
    expect(replies[0].text).not.toContain("boom");
    expect(log.lines).toContainEqual(["error", "bot: handler failed"]);
  });
  it("answers a database outage that reaches it as 'try again later', not as a crash", async () => {
    const { ctx, replies } = ctxFor();
    const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
    await errorBoundary()(ctx, async () => { throw outage; });
    expect(replies[0].text).toContain("数据暂时不可用，请稍后再试");
    expect(ctx.outcome).toBe("error");
  });
  it("never throws, even when the error reply cannot be sent", async () => {
    const log = spyLogger();
    const { ctx, deps } = ctxFor({}, { log });
    deps.replier.failNext = 1;
    await expect(errorBoundary()(ctx, async () => { throw new Error("x"); })).resolves.toBeUndefined();
    expect(log.lines.map((l) => l[1])).toContain("bot: could not send the error reply");
  });
  it("stays out of the way when nothing fails", async () => {
    const { ctx, replies } = ctxFor();
    await errorBoundary()(ctx, async () => undefined);
    expect(replies).toEqual([]);
  });
});
