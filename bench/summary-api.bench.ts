/**
 * Summary API throughput: `GET /api/v1/summary` of the real steward in its own process (file SQLite, demo mode with
 * its own demo seed, `LOG_LEVEL=info`, the real clock, the default 1 s overview cache) at 50 concurrent keep-alive
 * connections from a load generator in another process, against a bare Koa "hello" server in a third process
 * measured the same way (and the steward's /healthz, to separate the cost of its middleware stack from the summary's
 * own work). Three repetitions, each in fresh processes; min and median. Goal: ≥ 50 % of the bare route's
 * requests/s, p99 ≤ 25 ms. Loopback only; each phase is bounded by a request count and a time limit.
 * Run: `npx tsx bench/summary-api.bench.ts` (BENCH_REQUESTS=N, BENCH_SECONDS=S, BENCH_CONCURRENCY=C, BENCH_RUNS=R).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Koa from "koa";
import { freePort, median, percentile, printTable, runJsonChild, startAndWait, stop } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const TOKEN = "bench-operator-token-0123456789";
const GOAL = 0.5;

/** Figures of one load phase. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Load generator (child process): `concurrency` request loops over keep-alive sockets until done or out of time. */
async function load(url: URL, opts: { concurrency: number; maxRequests: number; maxSeconds: number }): Promise<LoadResult> {
  if (url.hostname !== "127.0.0.1") throw new Error(`the bench only loads 127.0.0.1, not ${url.hostname}`);
  const headers = { authorization: `Bearer ${TOKEN}`, "accept-encoding": "gzip, deflate, br" };
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  await Promise.all(Array.from({ length: opts.concurrency }, () => get(agent, url, headers)));
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let bytes = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.maxSeconds * 1000;
  const worker = async (): Promise<void> => {
    while (started < opts.maxRequests && performance.now() < deadline) {
      started += 1;
      const t = performance.now();
      try {
        const r = await get(agent, url, headers);
        if (r.status !== 200) errors += 1;
        bytes += r.bytes;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    requests: latencies.length, errors, seconds, requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
  };
}

/** Bare Koa "hello" server (child process) on `port`, until killed. */
function bareKoa(port: number): void {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = "hello";
  });
  app.listen(port, "127.0.0.1");
}

/** Starts this file as a bare Koa server in its own process and resolves once it answers. */
async function startBare(port: number): Promise<ChildProcess> {
  return (await startAndWait(process.execPath, ["--import", "tsx", SELF, "--bare", String(port)], {}, `http://127.0.0.1:${port}/`)).child;
}

const OPTS = {
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
  maxRequests: Number(process.env.BENCH_REQUESTS ?? 20_000),
  maxSeconds: Number(process.env.BENCH_SECONDS ?? 8),
};

/** One repetition: fresh bare server and steward, each target loaded by a fresh generator process. */
async function once(): Promise<Record<string, LoadResult>> {
  const dir = mkdtempSync(join(tmpdir(), "summary-api-"));
  const [barePort, port] = [await freePort(), await freePort()];
  const bare = await startBare(barePort);
  const env = { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${join(dir, "s.db")}`, LOG_LEVEL: "info", STEWARD_ADMIN_TOKEN: TOKEN };
  const { child: steward } = await startAndWait(process.execPath, ["--import", "tsx", MAIN], env, `http://127.0.0.1:${port}/readyz`);
  try {
    const gen = async (url: string) => (await runJsonChild(SELF, ["--load", url, JSON.stringify(OPTS)])) as unknown as LoadResult;
    return {
      bare: await gen(`http://127.0.0.1:${barePort}/`),
      healthz: await gen(`http://127.0.0.1:${port}/healthz`),
      summary: await gen(`http://127.0.0.1:${port}/api/v1/summary`),
    };
  } finally {
    await stop(steward);
    await stop(bare);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Measures every target in `runs` repetitions, prints min/median per target and the ratio, and returns the rows. */
export async function run(runs = Number(process.env.BENCH_RUNS ?? 3)) {
  const reps: Record<string, LoadResult>[] = [];
  for (let i = 0; i < Math.max(3, runs); i++) reps.push(await once());
  for (const r of reps) if (r.summary!.errors > 0) throw new Error(`${r.summary!.errors} summary requests failed`);
  const targets: [string, string][] = [["bare", "bare Koa GET / (hello), own process"], ["healthz", "steward GET /healthz (stack only)"], ["summary", "steward GET /api/v1/summary (1 s cache)"]];
  const f = (x: number) => Number(x.toFixed(2));
  const rows: Record<string, string | number>[] = targets.map(([key, target]) => {
    const rs = reps.map((r) => r[key]!);
    return {
      target, "req/s min": Math.round(Math.min(...rs.map((r) => r.requestsPerSecond))), "req/s median": Math.round(median(rs.map((r) => r.requestsPerSecond))),
      "p50 median ms": f(median(rs.map((r) => r.p50Ms))), "p99 min ms": f(Math.min(...rs.map((r) => r.p99Ms))), "p99 median ms": f(median(rs.map((r) => r.p99Ms))),
      "bytes per answer": rs[0]!.bytesPerResponse,
    };
  });
  const ratio = median(reps.map((r) => r.summary!.requestsPerSecond / r.bare!.requestsPerSecond));
  rows.push({ target: `summary / bare, median of ${reps.length}: ${(ratio * 100).toFixed(0)} % (goal ≥ ${GOAL * 100} % ${ratio >= GOAL ? "✓" : "✗"})` });
  printTable(`summary API at ${OPTS.concurrency} keep-alive connections, generator in its own process, ${reps.length} runs (goal: ≥ ${GOAL * 100} % of bare, p99 ≤ 25 ms)`, rows);
  return rows;
}

if (process.argv[2] === "--bare") bareKoa(Number(process.argv[3]));
else if (process.argv[2] === "--load") process.stdout.write(`${JSON.stringify(await load(new URL(process.argv[3]!), JSON.parse(process.argv[4]!) as typeof OPTS))}\n`);
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
