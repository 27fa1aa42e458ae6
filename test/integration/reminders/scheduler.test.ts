import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRunEntity } from "../../../src/db/entities/index.js";
import { REMINDER_JOB, startScheduler, type RunningScheduler, type SchedulerServices } from "../../../src/jobs/scheduler.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { instance, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe.each(DRIVERS)("node-cron scheduler with the database run coordinator on %s", (driver) => {
  let db: TestDatabase;
  const runs: string[] = [];
  const schedulers: RunningScheduler[] = [];
  const config = reminderConfig();

  const counted = (id: string): SchedulerServices => {
    const s = instance(db.ds, config, new FixedClock("2025-07-05T02:00:00Z"), { instanceId: id });
    return {
      reminderInstanceId: s.reminderInstanceId, claimJobSlot: s.claimJobSlot, finishJobSlot: s.finishJobSlot,
      runReminderSweep: (o) => {
        runs.push(id);
        return s.runReminderSweep(o);
      },
    };
  };

  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    await db?.drop();
  });

  it("names the task, uses the configured time zone and cron, and computes the next run", () => {
    const s = startScheduler({ services: counted("probe"), config, log: silentLogger, clock: new FixedClock("2025-07-05T02:00:00Z") });
    schedulers.push(s);
    expect(s.task.name).toBe(REMINDER_JOB);
    expect(s.task.getPattern()).toBe("10,30,50 * * * *");
    expect([10, 30, 50]).toContain(s.task.getNextRun()!.getUTCMinutes());
  });

  it("runs each one-second slot on exactly one of three instances (real timers, ~3 s)", async () => {
    runs.length = 0;
    const three = ["a", "b", "c"].map((id) => startScheduler({ services: counted(id), config, log: silentLogger, clock: new FixedClock("2025-07-05T02:00:00Z"), expression: "* * * * * *" }));
    schedulers.push(...three);
    await new Promise((r) => setTimeout(r, 3200));
    await Promise.all(three.map((s) => s.stop()));
    const slots = await db.ds.manager.findBy(JobRunEntity, { job: REMINDER_JOB });
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBe(slots.length);
    expect(new Set(slots.map((r) => r.period)).size).toBe(slots.length);
    expect(slots.every((r) => r.status === "succeeded" && ["a", "b", "c"].includes(r.instanceId))).toBe(true);
  });

  it("lets execute() run a sweep by hand, outside the slot coordination", async () => {
    runs.length = 0;
    const s = startScheduler({ services: counted("manual"), config, log: silentLogger, clock: new FixedClock("2025-07-05T02:00:00Z"), expression: "0 0 1 1 *" });
    schedulers.push(s);
    await s.task.execute();
    expect(runs).toEqual(["manual"]);
  });
});
