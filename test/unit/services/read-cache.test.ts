import { describe, expect, it, vi } from "vitest";
import type { ContractOverview } from "../../../src/services/contract-overview.service.js";
import { ReadCache } from "../../../src/services/read-cache.js";

const value = (n: number) => ({ today: `d${n}` }) as unknown as ContractOverview;

describe("ReadCache", () => {
  it("shares one load between callers and serves it until cleared", async () => {
    const cache = new ReadCache(60_000);
    const load = vi.fn(async () => value(1));
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect(a).toBe(b);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get("other", load);
    expect(load).toHaveBeenCalledTimes(2);
    cache.clear();
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("expires entries after the TTL of wall time", async () => {
    const now = vi.spyOn(performance, "now").mockReturnValue(1000);
    const cache = new ReadCache(500);
    const load = vi.fn(async () => value(1));
    await cache.get("k", load);
    now.mockReturnValue(1499);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(1);
    now.mockReturnValue(1500);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);
    now.mockRestore();
  });

  it("does not keep failures, and caches nothing with a TTL of 0", async () => {
    const cache = new ReadCache(60_000);
    const failing = vi.fn(async () => {
      throw new Error("db down");
    });
    await expect(cache.get("k", failing)).rejects.toThrow("db down");
    await Promise.resolve();
    const ok = vi.fn(async () => value(2));
    expect(await cache.get("k", ok)).toEqual(value(2));
    const off = new ReadCache(0);
    await off.get("k", ok);
    await off.get("k", ok);
    expect(ok).toHaveBeenCalledTimes(3);
  });
});
