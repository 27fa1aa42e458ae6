/**
 * Responsiveness while a hostile document is parsed: the steward runs in its own process (file SQLite, LOG_LEVEL
 * info), a prober in another process asks `/healthz` every 10 ms, and this process uploads 1 MB texts built to make a
 * parser backtrack (POST /api/v1/contracts with the admin token). Figures: the prober's p50/p99/max latency while
 * the uploads run, against the same prober with no upload in the same run. Goal: p99 < 100 ms while parsing.
 * Loopback only; bounded by a fixed number of uploads and probes.
 *
 *   npx tsx bench/healthz-during-upload.bench.ts
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort, percentile, printTable, startAndWait, stop } from "./bench-kit.js";

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

const summary = (name: string, xs: number[]) => ({
  phase: name, probes: xs.length, "p50 ms": Number(percentile(xs, 50).toFixed(1)), "p99 ms": Number(percentile(xs, 99).toFixed(1)), "max ms": Number(Math.max(...xs).toFixed(1)),
});

/** Baseline probes, then probes during 6 hostile uploads one after another. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), "healthz-bench-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${join(dir, "s.db")}`, LOG_LEVEL: "info", STEWARD_ADMIN_TOKEN: TOKEN, STEWARD_DEMO_SEED: "off" };
  const { child } = await startAndWait(process.execPath, ["--import", "tsx", MAIN], env, `${base}/readyz`);
  try {
    const idle = await runProber(`${base}/healthz`, 3000);
    const probing = runProber(`${base}/healthz`, 6000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await upload(base, i));
    const busy = await probing;
    const rows = [summary("no upload", idle), summary("while 1 MB hostile texts are parsed", busy)];
    printTable(`/healthz from another process (uploads answered ${[...new Set(statuses)].join(", ")}; goal: p99 < 100 ms while parsing)`, rows);
    return rows;
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--probe") await probe(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
