import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { ApiCallMeter } from "../../../src/services/api-meter.service.js";
import type { ServiceDeps } from "../../../src/services/service-deps.js";
import { seedContract } from "../../support/contract-factory.js";
import type { TestDatabase } from "../../support/test-databases.js";
import { openDatabase } from "../../../src/db/data-source.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("self-metering of DingTalk API calls", () => {
  let db: TestDatabase;
  let deps: ServiceDeps;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), "meter-")), "s.sqlite");
    const ds = await openDatabase({ kind: "sqlite", file });
    db = { name: "sqlite", ds, config: { kind: "sqlite", file }, drop: () => ds.destroy() };
    deps = { ds: db.ds, clock: new FixedClock("2024-04-05T06:00:00Z"), log: silentLogger, config: loadConfig({}) };
  });
  afterAll(async () => db?.drop());

  it("drops counts while there is no contract to charge, then writes one api.calls delta per flush", async () => {
    const meter = new ApiCallMeter(deps);
    meter.count(3);
    expect(await meter.flush()).toBe(0);
    await seedContract(db.ds, { startsOn: "2023-05-06" });
    meter.count(2);
    expect(await meter.flush()).toBe(2);
    expect(await meter.flush()).toBe(0);
    const rows = await db.ds.manager.findBy(UsageRecordEntity, { metric: "api.calls" });
    expect(rows.map((r) => [r.kind, Number(r.amount), r.source])).toEqual([["delta", 2, "self"]]);
  });

  it("keeps the count when the database is unavailable, and writes it on the next flush", async () => {
    const meter = new ApiCallMeter(deps);
    meter.count(7);
    await db.ds.destroy();
    expect(await meter.flush()).toBe(0);
    await db.ds.initialize();
    expect(await meter.flush()).toBe(7);
  });
});
