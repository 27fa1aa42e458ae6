import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { getContractOverview } from "../../../src/services/contract-overview.service.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

type RawSqlite = { prepare(sql: string): { all(...params: unknown[]): { detail: string }[] } };

describe("an uncached summary reads only the org and contract it shows", () => {
  let db: TestDatabase;
  let services: Services;
  const statements: { sql: string; params: unknown[] }[] = [];
  beforeAll(async () => {
    db = await openTestDatabase("sqlite");
    services = createServices({ ds: db.ds, clock: new FixedClock("2026-11-23T02:00:00Z"), log: silentLogger, config: loadConfig({}) });
    await services.seedDemoContracts({ contracts: 60 });
    const logger = db.ds.logger;
    Object.assign(db.ds, {
      logger: Object.assign(Object.create(logger) as object, {
        logQuery: (sql: string, params?: unknown[]) => void statements.push({ sql, params: params ?? [] }),
      }),
    });
  });
  afterAll(async () => db?.drop());

  it("finds the default org, its contract, renewal, quotas, usage, reminders and log by index, not by scanning", async () => {
    statements.length = 0;
    const overview = (await getContractOverview(services.deps, {}))!;
    expect(overview.graph.org.corpId).toBe("demo-load-1");
    expect((await services.listUpcoming({ contractId: overview.graph.contract.id })).length).toBeGreaterThan(0);
    await services.deliveryLog({ contractId: overview.graph.contract.id, limit: 20 });
    const raw = (db.ds.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
    const scans = statements.filter((s) => /^\s*SELECT/i.test(s.sql)).flatMap((s) => raw.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params)
      .filter((p) => /^SCAN /.test(p.detail) && !/ LIMIT 1$/.test(s.sql.trim()))
      .map((p) => p.detail));
    expect(statements.length).toBeGreaterThan(5);
    expect(scans).toEqual(["SCAN ReminderSubscriptionEntity USING INDEX uq_reminder_subscription_user"]);
  });

  it("lists upcoming reminders of a contract that does not exist as not found", async () => {
    await expect(services.listUpcoming({ contractId: 99_999 })).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("Contract 99999 does not exist") });
  });
});
