import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { ContractEntity, OrgEntity, QuotaEntity, UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { inProcessCli } from "../../support/process-runner.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe.each(DRIVERS)("demo seed --contracts on %s", (driver) => {
  let db: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    services = createServices({ ds: db.ds, clock: new FixedClock("2026-11-23T02:00:00Z"), log: silentLogger, config: loadConfig({}) });
  });
  afterAll(async () => db?.drop());

  it("creates N contracts over M orgs, each stored as an import of the demo contract would store it", async () => {
    const r = await services.seedDemoContracts({ contracts: 300, orgs: 7 });
    expect(r).toMatchObject({ contracts: 300, orgs: 7 });
    expect(r.lastContractId - r.firstContractId).toBe(299);
    const m = db.ds.manager;
    expect(await m.count(ContractEntity)).toBe(300);
    expect((await m.find(OrgEntity)).map((o) => o.corpId).sort()).toEqual(Array.from({ length: 7 }, (_, k) => `demo-load-${k + 1}`).sort());
    const graph = (await services.contractGraph(r.firstContractId))!;
    const imported = await services.importContract({ bytes: Buffer.from(graph.contract.source.text), fileName: "demo-contract.txt", corpId: "real-import", startsOn: "2026-01-01", actor: "test" });
    const real = (await services.contractGraph(imported.contractId))!;
    expect(graph.entitlements.map((e) => [e.code, e.position])).toEqual(real.entitlements.map((e) => [e.code, e.position]));
    expect(graph.quotas.map((q) => [q.metric, q.quotaLimit, q.period]).sort()).toEqual(real.quotas.map((q) => [q.metric, q.quotaLimit, q.period]).sort());
    expect(graph.quotas.every((q) => graph.entitlements.some((e) => e.id === q.entitlementId))).toBe(true);
    expect(graph.clauses.map((c) => [c.ref, c.tags])).toEqual(real.clauses.map((c) => [c.ref, c.tags]));
    expect(await m.count(QuotaEntity)).toBe(300 * real.quotas.length + real.quotas.length);
    expect(await m.countBy(UsageRecordEntity, { recordedBy: "demo-seed" })).toBeGreaterThan(300 * 3);
  });

  it("spreads end dates, payments and usage so the overview and reminders see variety", async () => {
    const contracts = (await db.ds.manager.find(ContractEntity)).filter((c) => c.docHash.startsWith("demo-load-"));
    const daysLeft = contracts.map((c) => Math.round((Date.parse(c.endsOn!) - Date.parse("2026-11-23")) / 86_400_000));
    expect(Math.min(...daysLeft)).toBeLessThan(0);
    expect(Math.max(...daysLeft)).toBeGreaterThan(300);
    expect(contracts.some((c) => c.paidOn === null) && contracts.some((c) => c.paidOn !== null)).toBe(true);
    const overview = (await services.overview({ corpId: "demo-load-3" }))!;
    expect(overview.quotas.length).toBeGreaterThan(0);
    expect(overview.quotas.some((q) => (q.usage.used ?? 0) > 0)).toBe(true);
    const sweep = await services.runReminderSweep({ dryRun: true });
    expect(new Set(sweep.notices.map((n) => n.kind)).size).toBeGreaterThan(3);
  });

  it("adds more on a repeat and refuses more orgs than contracts", async () => {
    const again = await services.seedDemoContracts({ contracts: 5, orgs: 2 });
    expect(again.contracts).toBe(5);
    expect(await db.ds.manager.count(OrgEntity)).toBe(8);
    await expect(services.seedDemoContracts({ contracts: 2, orgs: 3 })).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("steward demo seed --contracts", () => {
  it("seeds a file database and says what it created; --orgs alone is a usage error", async () => {
    const run = inProcessCli({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), "bulk-seed-")), "s.sqlite")}`, LOG_LEVEL: "silent" });
    const ok = await run("demo", "seed", "--contracts", "40", "--orgs", "4");
    expect(ok).toMatchObject({ code: 0, err: "" });
    expect(ok.out).toMatch(/^Seeded 40 synthetic contracts \(#1–#40\) over 4 orgs in \d+\.\d s\.$/m);
    expect((await run("contract", "list")).out).toContain("#40");
    const bad = await run("demo", "seed", "--orgs", "3");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--orgs needs --contracts <n>");
    expect((await run("demo", "seed", "--contracts", "0")).err).toContain(`--contracts "0" is not a positive whole number`);
  });
});
