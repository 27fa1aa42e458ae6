import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pino from "pino";
import { loadConfig } from "../src/config/index.js";
import { openDatabase } from "../src/db/data-source.js";
import { systemClock } from "../src/lib/clock.js";
import { createLogger } from "../src/lib/logger.js";
import { createServices } from "../src/services/create-services.js";
import { median, printTable, runJsonChild } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const TABLES = ["contract", "entitlement", "quota", "clause", "usage_record"];

type RawDb = { prepare(sql: string): { run(...a: unknown[]): unknown; get(): Record<string, number> }; transaction(fn: () => void): () => void };

/**
 * Child process: `demo seed --contracts n` on a fresh file SQLite database (migrated first, not timed), then the
 * baseline: the same number of rows of the same total size written by one prepared insert, 250 contracts' worth per
 * transaction. Prints one JSON line.
 */
async function seedChild(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "seed-bench-"));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, "steward.db")}`, LOG_LEVEL: "info" });
  const ds = await openDatabase(config.database);
  const services = createServices({ ds, clock: systemClock, log: createLogger("info", pino.destination("/dev/null")), config });
  const t0 = performance.now();
  await services.seedDemoContracts({ contracts: n, orgs: Math.max(1, Math.round(n / 100)) });
  const seedMs = performance.now() - t0;
  const raw = (ds.driver as unknown as { databaseConnection: RawDb }).databaseConnection;
  let rows = 0;
  for (const t of TABLES) rows += raw.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get().n!;
  const bytes = raw.prepare("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()").get().n!;
  raw.prepare("CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, contractId INTEGER NOT NULL, payload TEXT NOT NULL)").run();
  const insert = raw.prepare("INSERT INTO bench_rows (contractId, payload) VALUES (?, ?)");
  const payload = "x".repeat(Math.round(bytes / rows));
  const perTx = Math.round((rows / n) * 250);
  const t1 = performance.now();
  for (let i = 0; i < rows; i += perTx) raw.transaction(() => { for (let k = i; k < Math.min(rows, i + perTx); k++) insert.run(k, payload); })();
  const baselineMs = performance.now() - t1;
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ contracts: n, rows, mb: bytes / 1048576, seedMs, baselineMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

/**
 * `demo seed --contracts N` (one org per 100 contracts) on a file SQLite database, 1k and 10k contracts, three runs
 * each in a fresh process (min and median), against a bare batched insert of as many rows and bytes. Goal: 10k in
 * seconds (≤ 10 s).
 */
export async function run(runs = 3) {
  const rows: Record<string, string | number>[] = [];
  for (const n of [1_000, 10_000]) {
    const r: Record<string, number>[] = [];
    for (let i = 0; i < Math.max(3, runs); i++) r.push(await runJsonChild(SELF, ["--seed", String(n)]));
    const seed = r.map((x) => x.seedMs!);
    const base = r.map((x) => x.baselineMs!);
    rows.push({
      contracts: n, rows: r[0]!.rows!, "database MB": Math.round(r[0]!.mb!), "seed min ms": Math.round(Math.min(...seed)), "seed median ms": Math.round(median(seed)),
      "bare insert median ms": Math.round(median(base)), ratio: `×${(median(seed) / median(base)).toFixed(1)}`, "max RSS MB": Math.round(Math.max(...r.map((x) => x.maxRssMb!))),
      goal: n === 10_000 ? (median(seed) <= 10_000 ? "≤ 10 s ✓" : "≤ 10 s ✗") : "—",
    });
  }
  printTable(`demo seed --contracts N on a file SQLite database (${Math.max(3, runs)} runs each, fresh process; goal: 10k ≤ 10 s)`, rows);
  return rows;
}

if (process.argv[2] === "--seed") await seedChild(Number(process.argv[3]));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
