import { describe, expect, it } from "vitest";
import { AccessTokenCache, type IssuedToken } from "../../../src/dingtalk/access-token.js";
import { FixedClock } from "../../../src/lib/clock.js";

const app = { clientId: "app1", clientSecret: "s" };

function cache(ttlSec = 7200) {
  const clock = new FixedClock("2026-05-01T00:00:00Z");
  let n = 0;
  const pending: ((t: IssuedToken) => void)[] = [];
  const c = new AccessTokenCache({
    clock,
    fetchToken: () => new Promise<IssuedToken>((resolve) => pending.push(resolve)),
  });
  const issue = () => pending.shift()!({ accessToken: `t${++n}`, expiresInSec: ttlSec });
  return { c, clock, issue, pending };
}

describe("AccessTokenCache", () => {
  it("single-flights concurrent callers and serves the cache until the refresh margin", async () => {
    const { c, clock, issue, pending } = cache();
    const waits = Array.from({ length: 10 }, () => c.get(app));
    expect(pending).toHaveLength(1);
    issue();
    expect(await Promise.all(waits)).toEqual(Array(10).fill("t1"));
    clock.advance(6899 * 1000);
    expect(await c.get(app)).toBe("t1");
    clock.advance(2 * 1000); // 6901 s: within the 5-minute margin before 7200 s
    const next = c.get(app);
    expect(pending).toHaveLength(1);
    issue();
    expect(await next).toBe("t2");
    expect(c.fetches).toBe(2);
  });

  it("invalidate(stale) drops only the token that failed", async () => {
    const { c, issue } = cache();
    const first = c.get(app);
    issue();
    expect(await first).toBe("t1");
    c.invalidate("app1", "not-the-current-token");
    expect(await c.get(app)).toBe("t1");
    c.invalidate("app1", "t1");
    const again = c.get(app);
    issue();
    expect(await again).toBe("t2");
  });

  it("does not cache a failed fetch", async () => {
    const clock = new FixedClock("2026-05-01T00:00:00Z");
    let calls = 0;
    const c = new AccessTokenCache({
      clock,
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error("down");
        return { accessToken: "ok", expiresInSec: 7200 };
      },
    });
    await expect(c.get(app)).rejects.toThrow("down");
    expect(await c.get(app)).toBe("ok");
  });

  it("refreshes short-lived tokens at half-life instead of on every call", async () => {
    const { c, clock, issue, pending } = cache(60);
    const p = c.get(app);
    issue();
    await p;
    clock.advance(29_000);
    expect(await c.get(app)).toBe("t1");
    clock.advance(2_000);
    void c.get(app);
    expect(pending).toHaveLength(1);
  });
});
