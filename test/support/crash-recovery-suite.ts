import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { databaseClock } from "../../src/db/database-clock.js";
import { ReminderDeliveryEntity } from "../../src/db/entities/index.js";
import { FixedClock } from "../../src/lib/clock.js";
import { FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { bulkContracts, fakeMessenger, instance } from "./reminder-harness.js";
import { openTestDatabase, type TestDatabase } from "./test-databases.js";

/**
 * kill -9 at any instant of a sweep, then a rerun: a child steward process sweeps 60 contracts for 40 admins and an
 * admin group at 4 calls per second and is killed with SIGKILL after a seeded random delay; a second instance then
 * sweeps again once the dead process's claims are stale on the database clock. Counted at the fake DingTalk: nothing
 * may be lost, and only the one API call in flight at the kill may arrive twice.
 */
const T = "2025-09-01T01:30:00Z"; // T-30 of terms ending 2025-10-01 (renewal only: no DING, no deletion notice yet)
const ADMINS = Array.from({ length: 40 }, (_, i) => `admin${String(i + 1).padStart(2, "0")}`);
const GROUP = "cidAdminGroup1";
const CONTRACTS = 60;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const QPS = 4; // slow enough that a kill lands between calls or inside one, fast enough for the suite
const STALE_MS = 11 * 60_000; // past settings.reminders.delivery.staleClaimMinutes (10)

/** Deterministic PRNG so a failing seed can be rerun. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The (recipient|contract) pairs each robot message carried, one list per API call, in arrival order. */
function callsSince(fake: FakeDingTalk, from: number): string[][] {
  return fake.sent.slice(from).filter((s) => s.api !== "robot.ding").map((s) => {
    const who = s.api === "robot.groupSend" ? [String(s.openConversationId)] : s.userIds;
    const contracts = [...String(s.msgParam?.text ?? "").matchAll(/（合同 #(\d+)）/g)].map((m) => m[1]);
    return who.flatMap((u) => contracts.map((c) => `${u}|${c}`));
  });
}

interface SeedOutcome {
  seed: number;
  afterCalls: number;
  killAfterMs: number;
  callsBeforeKill: number;
  lost: number;
  duplicatePairs: number;
  duplicateCalls: number;
}

/** The kill -9 scenario on one driver (one file per driver, so the two legs run in parallel). */
export function describeCrashRecovery(driver: "sqlite" | "mariadb"): void {
describe(`kill -9 during a sweep on ${driver}, then a rerun`, () => {
  let db: TestDatabase;
  let fake: FakeDingTalk;
  let dir: string;
  let env: Record<string, string>;
  let ids: number[] = [];
  const outcomes: SeedOutcome[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "steward-crash-"));
    fake = await FakeDingTalk.start();
    let url: string;
    if (driver === "sqlite") {
      url = `sqlite:${join(dir, "steward.db")}`;
      const ds = await (await import("../../src/db/data-source.js")).openDatabase({ kind: "sqlite", file: join(dir, "steward.db") });
      db = { name: "sqlite", ds, config: { kind: "sqlite", file: join(dir, "steward.db") }, drop: () => ds.destroy() };
    } else {
      db = await openTestDatabase("mariadb");
      url = (db.config as { url: string }).url;
    }
    ids = await bulkContracts(db.ds, CONTRACTS, { startsOn: "2024-10-02" });
    const settings = join(dir, "settings.json");
    writeFileSync(settings, JSON.stringify({ dingtalk: { qps: QPS } }));
    env = {
      DATABASE_URL: url, LOG_LEVEL: "silent", STEWARD_ADMIN_USERIDS: ADMINS.join(","), STEWARD_ADMIN_GROUPS: GROUP,
      STEWARD_CONFIG_FILE: settings, STEWARD_SWEEP_NOW: T, ...fake.env(),
    };
  });
  afterAll(async () => {
    console.log(`${driver} kill -9 outcomes: ${JSON.stringify(outcomes)}`);
    await fake?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the child sweep and kills it `delayMs` after DingTalk received its `afterCalls`-th call (if still running). */
  function sweepAndKill(seed: number, afterCalls: number, delayMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const start = fake.sent.length;
      const child = fork(join(import.meta.dirname, "sweep-child.main.ts"), [], {
        env: { ...process.env, ...env, STEWARD_INSTANCE_ID: `child-${seed}` }, execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      let stderr = "";
      let armed = false;
      const arm = () => {
        if (armed || fake.sent.length - start < afterCalls) return;
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      };
      child.stderr?.on("data", (d) => (stderr += String(d)));
      child.on("message", (m) => m === "ready" && arm());
      fake.core.on("change", arm);
      child.on("exit", (code, signal) => {
        fake.core.off("change", arm);
        if (signal === "SIGKILL" || code === 0) resolve();
        else reject(new Error(`sweep child exited ${code}: ${stderr}`));
      });
    });
  }

  it.each(SEEDS)("seed %i: nothing lost, at most the call in flight repeated", async (seed) => {
    await db.ds.manager.clear(ReminderDeliveryEntity);
    const from = fake.sent.length;
    const random = mulberry32(seed * 7919);
    const afterCalls = Math.floor(random() * 9); // 0: while planning and claiming; up to 8 of the 9 calls
    const killAfterMs = Math.floor(random() * (1000 / QPS) * 1.2); // anywhere between two calls, or inside one
    await sweepAndKill(seed, afterCalls, killAfterMs);
    const callsBeforeKill = fake.sent.length - from;

    // The rerun: another instance, later on the database clock than the dead process's stale window.
    const clock = new FixedClock(T);
    const real = databaseClock(db.ds);
    const later = { now: async () => new Date((await real.now()).getTime() + STALE_MS) };
    const { messenger } = fakeMessenger(fake, clock, 100);
    const rerun = instance(db.ds, loadConfig({ ...env, STEWARD_INSTANCE_ID: "rerun" }), clock, { messenger, instanceId: `rerun-${seed}`, dbClock: later });
    await rerun.runReminderSweep({ now: clock.now() });

    const calls = callsSince(fake, from);
    const seen = new Map<string, number>();
    let duplicateCalls = 0;
    for (const pairs of calls) {
      if (pairs.length && pairs.every((p) => seen.has(p))) duplicateCalls += 1;
      for (const p of pairs) seen.set(p, (seen.get(p) ?? 0) + 1);
    }
    const expected = [...ADMINS, GROUP].flatMap((u) => ids.map((id) => `${u}|${id}`));
    const lost = expected.filter((p) => !seen.has(p)).length;
    const duplicatePairs = [...seen.values()].reduce((s, n) => s + n - 1, 0);
    outcomes.push({ seed, afterCalls, killAfterMs, callsBeforeKill, lost, duplicatePairs, duplicateCalls });

    expect(lost).toBe(0);
    expect(duplicateCalls).toBeLessThanOrEqual(1);
    expect(duplicatePairs).toBeLessThanOrEqual(20 * 20); // one call: at most 20 recipients × 20 digest items
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "pending" })).toBe(0);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "sent" })).toBe(expected.length);
  }, 60_000);
});
}
