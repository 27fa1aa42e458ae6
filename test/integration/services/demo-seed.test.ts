import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe("demo seed", () => {
  let db: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    db = await openTestDatabase("sqlite");
    services = createServices({ ds: db.ds, clock: new FixedClock("2026-11-23T02:00:00Z"), log: silentLogger, config: loadConfig({}) });
  });
  afterAll(async () => db?.drop());

  it("creates a contract 30 days from expiry, signed, paid and invoiced on time, with usage", async () => {
    const r = await services.seedDemo({ onlyIfEmpty: true });
    expect(r).toMatchObject({ seeded: true, corpId: "demo-corp" });
    const o = (await services.overview())!;
    expect(o.timeline.daysLeft).toBe(30);
    expect(o.graph.contract.signedOn).toBe(o.graph.contract.startsOn);
    expect(o.timeline.payment).toMatchObject({ status: "met", daysLate: 0 });
    expect(o.timeline.invoice).toMatchObject({ status: "met", daysLate: 0 });
    expect(o.quotas.find((q) => q.metric === "ding.messages")!.usage.used).toBe(360);
    expect(o.quotas.find((q) => q.metric === "storage.capacity_gb")!.usage.used).toBe(812);
  });

  it("leaves a database that already has an organisation alone", async () => {
    expect(await services.seedDemo({ onlyIfEmpty: true })).toMatchObject({ seeded: false });
  });
});
