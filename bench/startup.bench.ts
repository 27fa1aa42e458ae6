import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { freePort, median, printTable, rssMb, startAndWait, stop } from "./bench-kit.js";

const BASELINE = `require("http").createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1")`;

/**
 * Start-to-ready time of the process `npm start` runs (node dist/src/main.js, built first as postinstall does, on a fresh
 * SQLite file, demo mode seeding its data) until /readyz answers, and its idle RSS 2 s later; against a bare node
 * HTTP server started the same way. Goal ≤ 2 s, ≤ 150 MB.
 */
export async function run(runs = 5) {
  execFileSync("npm", ["run", "--silent", "build:server"], { stdio: "ignore" });
  const steward: number[] = [];
  const rss: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), "bench-start-")), "s.sqlite");
    const env = { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${db}`, LOG_LEVEL: "warn", STEWARD_DEMO_SEED: "auto" };
    const s = await startAndWait(process.execPath, ["dist/src/main.js"], env, `http://127.0.0.1:${port}/readyz`);
    steward.push(s.ms);
    await new Promise((r) => setTimeout(r, 2000));
    rss.push(rssMb(s.child.pid!));
    await stop(s.child);
    const bport = await freePort();
    const b = await startAndWait(process.execPath, ["-e", BASELINE], { PORT: String(bport) }, `http://127.0.0.1:${bport}/`);
    bare.push(b.ms);
    await stop(b.child);
  }
  const result = {
    startToReadyMs: Math.round(median(steward)),
    idleRssMb: Math.round(median(rss)),
    bareNodeReadyMs: Math.round(median(bare)),
    ratio: Number((median(steward) / median(bare)).toFixed(1)),
  };
  printTable(`start-up (median of ${runs}; goal ≤ 2000 ms, ≤ 150 MB)`, [result]);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
