/**
 * Responsiveness while a hostile document is parsed: the steward runs in its own process (file SQLite, LOG_LEVEL
 * info), a prober in another process asks `/healthz` every 10 ms, and this process uploads 1 MB texts built to make a
 * parser backtrack (POST /api/v1/contracts with the admin token). Figures: the prober's p50/p99/max latency while
 * the uploads run, against the same prober with no upload in the same run; three repetitions in fresh processes,
 * min and median. Goal: p99 < 100 ms while parsing.
 * Loopback only; bounded by a fixed number of uploads and probes.
 *
 *   npx tsx bench/healthz-during-upload.bench.ts
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort, median, percentile, printTable, startAndWait, stop } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const TOKEN = "bench-admin-token-0123456789";
const MB = 1024 * 1024;

/** Prober child: GET /healthz every 10 ms for `ms` milliseconds; prints the latencies as one JSON line. */
async function probe(url: string, ms: number): Promise<void> {
  const out: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const t0 = performance.now();
    await fetch(url).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runProber(url: string, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, "--probe", url, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`prober exited ${code}`))));
  });
}

/** A 1 MB text of the patterns that used to backtrack (runs of 年, spaces after 甲方, thousands of clause numbers). */
function hostileText(i: number): string {
  const part = MB / 4;
  return `钉钉专业版服务合同 ${i}\n甲方${" ".repeat(part)}x\n${"年".repeat(part / 3)}\n${"第1条".repeat(part / 9)}\n${"1".repeat(part)}\n`;
}

async function upload(base: string, i: number): Promise<number> {
  const form = new FormData();
  form.append("file", new Blob([hostileText(i)], { type: "text/plain" }), `hostile-${i}.txt`);
  const res = await fetch(`${base}/api/v1/contracts`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Min and median over runs of one phase's p50, p99 and max. */
const summary = (name: string, runs: number[][]) => {
  const fig = (f: (xs: number[]) => number) => {
    const v = runs.map(f);
    return `${Math.min(...v).toFixed(1)} / ${median(v).toFixed(1)}`;
  };
  return {
    phase: name, runs: runs.length, "probes per run": Math.round(median(runs.map((xs) => xs.length))),
    "p50 min / median ms": fig((xs) => percentile(xs, 50)), "p99 min / median ms": fig((xs) => percentile(xs, 99)), "max min / median ms": fig((xs) => Math.max(...xs)),
  };
};

/** One repetition in a fresh steward: baseline probes, then probes during 6 hostile uploads one after another. */
async function once(statuses: Set<number>): Promise<{ idle: number[]; busy: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), "healthz-bench-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${join(dir, "s.db")}`, LOG_LEVEL: "info", STEWARD_ADMIN_TOKEN: TOKEN, STEWARD_DEMO_SEED: "off" };
  const { child } = await startAndWait(process.execPath, ["--import", "tsx", MAIN], env, `${base}/readyz`);
  try {
    const idle = await runProber(`${base}/healthz`, 3000);
    const probing = runProber(`${base}/healthz`, 6000);
    for (let i = 0; i < 6; i++) statuses.add(await upload(base, i));
    return { idle, busy: await probing };
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Three repetitions, each in a fresh steward process; min and median of each figure. */
export async function run(runs = 3) {
  const statuses = new Set<number>();
  const reps: { idle: number[]; busy: number[] }[] = [];
  for (let i = 0; i < Math.max(3, runs); i++) reps.push(await once(statuses));
  const rows = [summary("no upload", reps.map((r) => r.idle)), summary("while 1 MB hostile texts are parsed", reps.map((r) => r.busy))];
  printTable(`/healthz from another process (uploads answered ${[...statuses].join(", ")}; goal: p99 < 100 ms while parsing)`, rows);
  return rows;
}

if (process.argv[2] === "--probe") await probe(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
