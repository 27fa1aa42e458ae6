import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { openDatabase } from "../../../src/db/data-source.js";
import { UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { apiCallsOnDay } from "../../../src/services/api-meter.service.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { seedContract } from "../../support/contract-factory.js";
import { inProcessCli } from "../../support/process-runner.js";

/** The steward's own DingTalk footprint: per-API counts of the day on /metrics, in the ledger and in `reminders log --api`. */
describe("metering the steward's own DingTalk calls per API", () => {
  const file = join(mkdtempSync(join(tmpdir(), "footprint-")), "s.sqlite");
  const T = new Date("2025-09-01T01:30:00Z"); // 09:30 Shanghai, T-30 of a term ending 2025-10-01
  let fake: FakeDingTalk;
  let app: RunningSteward;
  let stopped = false;
  const env = () => ({
    PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent",
    STEWARD_ADMIN_USERIDS: "admin1,admin2,admin3", STEWARD_ADMIN_GROUPS: "cidAdminGroup1", ...fake.env(),
  });

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    app = await startSteward(loadConfig(env()), { log: silentLogger, clock: new FixedClock(T), scheduler: false });
    await seedContract(app.ds, { corpId: fake.app.corpId, startsOn: "2024-10-02" });
  }, 60_000);
  afterAll(async () => {
    if (!stopped) await app?.stop();
    await fake?.close();
  });

  it("shows the day's metered calls per API on /metrics, and the ledger keeps the same split after the meter flushes", async () => {
    const report = await app.services.runReminderSweep({ now: T });
    expect(report.sent).toBeGreaterThan(0);
    const sends = fake.sent.filter((s) => s.api === "robot.batchSend").length;
    const groups = fake.sent.filter((s) => s.api === "robot.groupSend").length;
    expect(sends).toBe(1);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`steward_dingtalk_api_calls_today\\{api="robot\\.batchSend"\\} ${sends}\\b`));
    expect(metrics).toMatch(new RegExp(`steward_dingtalk_api_calls_today\\{api="robot\\.groupSend"\\} ${groups}\\b`));

    await app.stop(); // flushes the meter into the ledger
    stopped = true;
    const ds = await openDatabase({ kind: "sqlite", file });
    try {
      const rows = await ds.manager.findBy(UsageRecordEntity, { metric: "api.calls", source: "self" });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.note).toMatch(/^by API \{.*"robot\.batchSend":1/);
      const deps = { ds, clock: new FixedClock(T), log: silentLogger, config: loadConfig(env()) };
      const day = await apiCallsOnDay(deps);
      expect(day).toMatchObject({ date: "2025-09-01", total: Number(rows[0]!.amount) });
      expect(day.byApi["robot.batchSend"]).toBe(sends);
      expect(day.byApi["robot.groupSend"]).toBe(groups);
      expect(await apiCallsOnDay(deps, { date: "2025-09-02" })).toEqual({ date: "2025-09-02", total: 0, byApi: {} });
      await expect(apiCallsOnDay(deps, { date: "2025-13-01" })).rejects.toMatchObject({ code: "invalid_input" });
    } finally {
      await ds.destroy();
    }

    const run = inProcessCli({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent", STEWARD_ADMIN_USERIDS: "admin1" });
    const log = await run("reminders", "log", "--api", "--date", "2025-09-01");
    expect(log.code).toBe(0);
    expect(log.out).toMatch(/^robot\.batchSend +1$/m);
    expect(log.out).toMatch(/metered DingTalk API call\(s\) on 2025-09-01 \(Asia\/Shanghai\)\.$/);
    const json = JSON.parse((await run("reminders", "log", "--api", "--date", "2025-09-01", "--json")).out);
    expect(json.byApi["robot.batchSend"]).toBe(1);
    expect((await run("reminders", "log", "--api", "--date", "2025-09-02")).out).toContain("No metered DingTalk API calls recorded on 2025-09-02");
    const bad = await run("reminders", "log", "--api", "--date", "tomorrow");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("\"tomorrow\" is not a date");
  });
});
