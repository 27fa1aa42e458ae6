import { describe, expect, it } from "vitest";
import { SharedOverview } from "../../../src/bot/shared-overview.js";
import type { ContractOverview } from "../../../src/services/contract-overview.service.js";
import { buildOverview } from "../../support/bot-fixtures.js";

describe("SharedOverview (single-flight loads)", () => {
  it("shares one load between concurrent readers and keeps nothing once it settles", async () => {
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const shared = new SharedOverview(async () => {
      loads++;
      await gate;
      return buildOverview();
    });
    const readers = [shared.get(), shared.get(), shared.get()];
    release();
    const [a, b, c] = await Promise.all(readers);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    await shared.get();
    expect(loads).toBe(2);
  });
  it("after invalidate(), a reader starts a fresh load even while the old one is in flight", async () => {
    let loads = 0;
    const shared = new SharedOverview(async () => ({ n: ++loads }) as unknown as ContractOverview);
    const first = shared.get();
    shared.invalidate();
    const second = shared.get();
    expect(await first).not.toBe(await second);
    expect(loads).toBe(2);
  });
  it("passes a failure to every joined reader, then tries again", async () => {
    let fail = true;
    const shared = new SharedOverview(async () => {
      if (fail) throw new Error("no contract");
      return buildOverview();
    });
    await expect(Promise.all([shared.get(), shared.get()])).rejects.toThrow("no contract");
    fail = false;
    await expect(shared.get()).resolves.toMatchObject({ today: "2024-04-05" });
  });
});
