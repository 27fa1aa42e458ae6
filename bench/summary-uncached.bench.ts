import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pino from "pino";
import { loadConfig } from "../src/config/index.js";
import { openDatabase } from "../src/db/data-source.js";
import { systemClock } from "../src/lib/clock.js";
import { createLogger } from "../src/lib/logger.js";
import { createServices } from "../src/services/create-services.js";
import { freePort, median, percentile, printTable, startAndWait, stop } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const TOKEN = "bench-operator-token-0123456789";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

/** One GET over a keep-alive socket, as a browser asks (gzip or brotli accepted); resolves with its status. */
function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${TOKEN}`, "accept-encoding": "gzip, deflate, br" } }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Sequential GETs from this process over one keep-alive socket; latency of each in ms (every answer must be 200). */
async function probe(url: string, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  try {
    for (let i = 0; i < n + 20; i++) {
      const t = performance.now();
      const status = await get(agent, new URL(url));
      if (status !== 200) throw new Error(`${url} answered ${status}`);
      if (i >= 20) out.push(performance.now() - t);
    }
  } finally {
    agent.destroy();
  }
  return out;
}

/**
 * The steward in its own process on a file SQLite database seeded with `demo seed --contracts 10000` (one org per
 * contract), `http.overviewCacheMs` 0 (no cache) and `LOG_LEVEL=info`; this process asks `/api/v1/summary` (the
 * first org's current contract, as the page in demo mode) one request at a time, then `/healthz` the same way as
 * the baseline. Goal: ≤ 5 ms per uncached summary, whatever the number of orgs.
 */
export async function run(runs = 3) {
  const dir = mkdtempSync(join(tmpdir(), "summary-uncached-"));
  const file = join(dir, "s.db");
  try {
    const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "info" });
    const ds = await openDatabase(config.database);
    await createServices({ ds, clock: systemClock, log: createLogger("info", pino.destination("/dev/null")), config }).seedDemoContracts({ contracts: 10_000 });
    await ds.destroy();
    writeFileSync(join(dir, "config.json"), JSON.stringify({ http: { overviewCacheMs: 0 } }));
    const results: { summary: number[]; healthz: number[] }[] = [];
    for (let r = 0; r < Math.max(3, runs); r++) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "info", STEWARD_ADMIN_TOKEN: TOKEN,
        STEWARD_DEMO_SEED: "off", STEWARD_CONFIG_FILE: join(dir, "config.json"),
      };
      const { child } = await startAndWait(process.execPath, ["--import", "tsx", MAIN], env, `${base}/readyz`);
      try {
        results.push({ summary: await probe(`${base}/api/v1/summary`, REQUESTS), healthz: await probe(`${base}/healthz`, REQUESTS) });
      } finally {
        await stop(child);
      }
    }
    const row = (target: string, pick: (x: { summary: number[]; healthz: number[] }) => number[]) => {
      const medians = results.map((x) => median(pick(x)));
      return {
        target, runs: results.length, "requests per run": REQUESTS, "p50 min ms": Number(Math.min(...medians).toFixed(2)),
        "p50 median ms": Number(median(medians).toFixed(2)), "p99 median ms": Number(median(results.map((x) => percentile(pick(x), 99))).toFixed(2)),
      };
    };
    const rows = [row("GET /healthz (baseline)", (x) => x.healthz), row("GET /api/v1/summary, no cache, 10,000 orgs", (x) => x.summary)];
    printTable("uncached summary, steward in its own process, file SQLite with 10,000 orgs and contracts (goal: ≤ 5 ms)", rows);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && SELF === process.argv[1]) await run();
