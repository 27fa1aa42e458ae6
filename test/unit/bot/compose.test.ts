import { describe, expect, it } from "vitest";
import { compose, type Middleware } from "../../../src/bot/compose.js";

describe("compose", () => {
  it("runs middleware as an onion and lets a step stop the chain", async () => {
    const log: string[] = [];
    const step = (name: string, stop = false): Middleware<string[]> => async (ctx, next) => {
      ctx.push(`${name}>`);
      if (!stop) await next();
      ctx.push(`<${name}`);
    };
    await compose([step("a"), step("b"), step("c")])(log);
    expect(log).toEqual(["a>", "b>", "c>", "<c", "<b", "<a"]);
    const stopped: string[] = [];
    await compose([step("a"), step("b", true), step("c")])(stopped);
    expect(stopped).toEqual(["a>", "b>", "<b", "<a"]);
  });
  it("rejects next() called twice and propagates sync and async errors", async () => {
    await expect(compose<unknown>([async (_c, next) => { await next(); await next(); }])({})).rejects.toThrow(/more than once/);
    await expect(compose<unknown>([() => { throw new Error("sync"); }])({})).rejects.toThrow("sync");
    await expect(compose<unknown>([async () => { throw new Error("async"); }])({})).rejects.toThrow("async");
  });
  it("calls the final continuation and refuses non-functions", async () => {
    let reached = false;
    await compose<unknown>([async (_c, next) => next()])({}, async () => { reached = true; });
    expect(reached).toBe(true);
    expect(() => compose([1 as never])).toThrow(TypeError);
  });
});
