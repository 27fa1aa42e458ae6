import { describe, expect, it } from "vitest";
import { AdminDirectory } from "../../../src/bot/admin-directory.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";

function directory(ttlSeconds = 600) {
  const clock = new FixedClock("2024-04-05T00:00:00Z");
  const calls = { n: 0, fail: false, admins: ["a1"] };
  const dir = new AdminDirectory({
    clock, ttlSeconds, log: silentLogger, retrySeconds: 30,
    listAdmins: async () => {
      calls.n++;
      if (calls.fail) throw new Error("DingTalk down");
      return calls.admins.map((userid) => ({ userid, sysLevel: 1 }));
    },
  });
  return { dir, clock, calls };
}

describe("AdminDirectory (cached DingTalk admin list)", () => {
  it("asks DingTalk again right after invalidate() (an org_admin_add/remove event), within the TTL", async () => {
    const { dir, calls } = directory();
    expect(await dir.isAdmin("u2")).toBe(false);
    calls.admins = ["a1", "u2"];
    expect(await dir.isAdmin("u2")).toBe(false);
    dir.invalidate();
    expect(await dir.isAdmin("u2")).toBe(true);
    expect(calls.n).toBe(2);
  });

  it("fetches once per TTL and shares one fetch between concurrent lookups", async () => {
    const { dir, clock, calls } = directory();
    expect(await Promise.all([dir.isAdmin("a1"), dir.isAdmin("u2"), dir.isAdmin("a1")])).toEqual([true, false, true]);
    expect(calls.n).toBe(1);
    clock.advance(599_000);
    calls.admins = ["u2"];
    expect(await dir.isAdmin("u2")).toBe(false);
    clock.advance(2_000);
    expect(await dir.isAdmin("u2")).toBe(true);
    expect(calls.n).toBe(2);
  });
  it("keeps serving the stale list when a refresh fails", async () => {
    const { dir, clock, calls } = directory();
    await dir.isAdmin("a1");
    clock.advance(700_000);
    calls.fail = true;
    expect(await dir.isAdmin("a1")).toBe(true);
  });
  it("with nothing cached, a failure means nobody is a directory admin until the retry delay passes", async () => {
    const { dir, clock, calls } = directory();
    calls.fail = true;
    expect(await dir.isAdmin("a1")).toBe(false);
    expect(await dir.isAdmin("a1")).toBe(false);
    expect(calls.n).toBe(1);
    clock.advance(31_000);
    calls.fail = false;
    expect(await dir.isAdmin("a1")).toBe(true);
    expect(calls.n).toBe(2);
  });
  it("with a TTL of 0 asks every time", async () => {
    const { dir, calls } = directory(0);
    await dir.isAdmin("a1");
    await dir.isAdmin("a1");
    expect(calls.n).toBe(2);
  });
});
