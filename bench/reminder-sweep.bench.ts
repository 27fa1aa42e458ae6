import { mkdtempSync, rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "../src/config/index.js";
import { openDatabase } from "../src/db/data-source.js";
import { FixedClock } from "../src/lib/clock.js";
import { createLogger } from "../src/lib/logger.js";
import pino from "pino";
import { createServices } from "../src/services/create-services.js";
import { bulkContracts } from "../test/support/reminder-harness.js";
import { median, printTable, runJsonChild } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const NOW = "2025-09-01T01:30:00Z"; // T-30 of every term: three deliveries per contract (two admins, one group)

/**
 * Child process: a file SQLite database with `n` contracts, then one sweep end to end in demo mode (plan, claims,
 * digests into the outbox table, marks, next-due index) and the next slot's sweep 20 minutes later, with nothing new
 * due (the index leaves every contract out); the baseline writes the same number
 * of delivery rows with one prepared, batched insert in a transaction. Prints one JSON line.
 */
async function sweepChild(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sweep-bench-"));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, "steward.db")}`, LOG_LEVEL: "info", STEWARD_ADMIN_USERIDS: "admin1,admin2", STEWARD_ADMIN_GROUPS: "cid1" });
  const ds = await openDatabase(config.database);
  const ids = await bulkContracts(ds, n, { startsOn: "2024-10-02", quotas: [{ metric: "api.calls", limit: 500_000, unit: "call", period: "month" }] });
  const log = createLogger("info", pino.destination("/dev/null"));
  const clock = new FixedClock(NOW);
  const services = createServices({ ds, clock, log, config }, { reminders: { instanceId: "bench" } });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const first = await services.runReminderSweep({ now: clock.now() });
  const sweepMs = performance.now() - t0;
  loop.disable();
  const loopP99Ms = loop.percentile(99) / 1e6;
  const loopMaxMs = loop.max / 1e6;
  const later = new Date(clock.now().getTime() + 20 * 60_000); // the next cron slot: nothing new is due
  clock.set(later.toISOString());
  const t1 = performance.now();
  const repeat = await services.runReminderSweep({ now: later });
  const repeatMs = performance.now() - t1;
  const raw = (ds.driver as unknown as { databaseConnection: { prepare(sql: string): { run(...a: unknown[]): unknown }; transaction(fn: () => void): () => void } }).databaseConnection;
  await ds.query("CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, contractId INTEGER, recipient TEXT, channel TEXT, status TEXT, UNIQUE (contractId, recipient, channel))");
  const insert = raw.prepare("INSERT INTO bench_rows (contractId, recipient, channel, status) VALUES (?, ?, ?, ?)");
  const t2 = performance.now();
  for (let i = 0; i < ids.length; i += 200) {
    raw.transaction(() => {
      for (const id of ids.slice(i, i + 200)) for (const r of ["admin1", "admin2", "cid1"]) insert.run(id, r, r.startsWith("cid") ? "group" : "robot", "sent");
    })();
  }
  const baselineMs = performance.now() - t2;
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ contracts: n, delivered: first.sent, sweepMs, repeatMs, repeatPlanned: repeat.planned, loopP99Ms, loopMaxMs, baselineMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function runChild(n: number): Promise<Record<string, number>> {
  return runJsonChild(SELF, ["--sweep", String(n)]);
}

/**
 * An end-to-end sweep on a file SQLite database at 10k and 50k contracts, three runs each (min and median), with the
 * batched-insert baseline from the same run and the event-loop delay while it runs (what a reply or a health check
 * waits at worst). Goals (issue: performance): 10k ≤ 3 s, 50k ≤ 5.5 × 10k, RSS ≤ 300 MB.
 */
export async function run() {
  const rows: Record<string, string | number>[] = [];
  for (const n of [10_000, 50_000]) {
    const runs = [await runChild(n), await runChild(n), await runChild(n)];
    const sweep = runs.map((r) => r.sweepMs!);
    const base = runs.map((r) => r.baselineMs!);
    rows.push({
      contracts: n, deliveries: runs[0]!.delivered!, "sweep min ms": Math.round(Math.min(...sweep)), "sweep median ms": Math.round(median(sweep)),
      "next slot, nothing due: median ms": Math.round(median(runs.map((r) => r.repeatMs!))), "contracts planned": Math.max(...runs.map((r) => r.repeatPlanned!)), "bare insert median ms": Math.round(median(base)),
      "ratio to bare insert": Number((median(sweep) / median(base)).toFixed(1)),
      "event-loop delay p99 / max ms": `${Math.round(median(runs.map((r) => r.loopP99Ms!)))} / ${Math.round(median(runs.map((r) => r.loopMaxMs!)))}`, "max RSS MB": Math.round(Math.max(...runs.map((r) => r.maxRssMb!))),
    });
  }
  printTable("reminder sweep end to end, file SQLite, demo outbox (goals: 10k ≤ 3000 ms, 50k ≤ 5.5 × 10k, RSS ≤ 300 MB, a slot with nothing due ≤ 100 ms at 10k)", rows);
  return rows;
}

if (process.argv[2] === "--sweep") await sweepChild(Number(process.argv[3]));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
