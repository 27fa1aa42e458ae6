/**
 * Summary API throughput: `GET /api/v1/summary` of the real steward (in-process, SQLite :memory:, the seeded
 * contract of the browser tests, a demo session) at 50 concurrent keep-alive connections, against a bare Koa
 * "hello" route measured the same way in the same run (and the steward's /healthz, to separate the cost of its
 * middleware stack from the summary's own work). Goal: ≥ 50 % of the bare route's requests/s.
 * Loopback only; each phase is bounded by a request count and a time limit.
 * Run: `npx tsx bench/summary-api.bench.ts` (BENCH_REQUESTS=N, BENCH_SECONDS=S, BENCH_CONCURRENCY=C).
 */
import { Agent, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Koa from "koa";
import { startRealBackend } from "../test/browser/real-backend.js";
import { percentile, printTable } from "./bench-kit.js";

/** Figures of one load phase. */
export interface LoadResult {
  target: string;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
}

/** Everything the bench measured. */
export interface SummaryBenchResult {
  concurrency: number;
  bare: LoadResult;
  /** The steward's own stack (request context, metrics, security headers, routing) on /healthz, no database. */
  stack: LoadResult;
  summary: LoadResult;
  /** summary rate ÷ bare rate. */
  ratio: number;
  goalMet: boolean;
}

const GOAL = 0.5;

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

/** Runs `concurrency` request loops over keep-alive sockets until `maxRequests` are done or `maxSeconds` pass. */
async function load(target: string, url: URL, headers: Record<string, string>, opts: { concurrency: number; maxRequests: number; maxSeconds: number }): Promise<LoadResult> {
  if (url.hostname !== "127.0.0.1") throw new Error(`the bench only loads 127.0.0.1, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const warm = Array.from({ length: opts.concurrency }, () => get(agent, url, headers));
  await Promise.all(warm);
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
    target,
    requests: latencies.length,
    errors,
    seconds: Number(seconds.toFixed(2)),
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
  };
}

async function startBareKoa(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = "hello";
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Measures both targets one after the other, prints a table and the ratio, and returns the figures. */
export async function run(
  opts = {
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
    maxRequests: Number(process.env.BENCH_REQUESTS ?? 20_000),
    maxSeconds: Number(process.env.BENCH_SECONDS ?? 8),
  },
): Promise<SummaryBenchResult> {
  const bare = await startBareKoa();
  const steward = await startRealBackend({ mode: "demo" });
  try {
    const session = await fetch(`${steward.baseUrl}/api/miniapp/session`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }),
    });
    const { data } = (await session.json()) as { data: { token: string } };
    const bareResult = await load("bare Koa GET / (hello)", new URL(`${bare.url}/`), {}, opts);
    const stackResult = await load("steward GET /healthz (stack only)", new URL(`${steward.baseUrl}/healthz`), {}, opts);
    const summaryResult = await load("steward GET /api/v1/summary", new URL(`${steward.baseUrl}/api/v1/summary`), { authorization: `Bearer ${data.token}` }, opts);
    if (summaryResult.errors > 0) throw new Error(`${summaryResult.errors} summary requests failed`);
    const ratio = summaryResult.requestsPerSecond / bareResult.requestsPerSecond;
    printTable(`summary API at ${opts.concurrency} concurrent keep-alive connections (in-process, 127.0.0.1; goal ≥ ${GOAL * 100}% of bare)`, [bareResult, stackResult, summaryResult].map((r) => ({ ...r })));
    console.log(`summary / bare = ${(ratio * 100).toFixed(0)}% ${ratio >= GOAL ? "(goal met)" : "(BELOW GOAL)"}`);
    return { concurrency: opts.concurrency, bare: bareResult, stack: stackResult, summary: summaryResult, ratio: Number(ratio.toFixed(3)), goalMet: ratio >= GOAL };
  } finally {
    await steward.close();
    await bare.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
