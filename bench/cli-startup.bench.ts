import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, printTable } from "./bench-kit.js";

const ROOT = new URL("..", import.meta.url).pathname;
const CONTRACT = join(ROOT, "test/fixtures/contracts/direct-basic.txt");

/** Wall time in ms of one run of `cmd args` to exit; throws unless it exits 0. */
function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(-300)}`);
  return ms;
}

/**
 * Wall time of the operator CLI from start to exit, as `steward` runs it (node dist/src/cli.js, compiled once by
 * postinstall): `--help`, and `contract list` on a SQLite file holding one contract (already migrated). Baseline:
 * `node -e 0` in the same run. For comparison: through npm (`npm run cli`), and compiled at run time by tsx (how
 * `npm run cli` ran before). Goals: `--help` ≤ 0.5 s, `contract list` ≤ 1 s.
 */
export async function run(runs = 7) {
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: ROOT, stdio: "ignore" });
  const db = join(mkdtempSync(join(tmpdir(), "bench-cli-")), "s.sqlite");
  const env = { DATABASE_URL: `sqlite:${db}`, LOG_LEVEL: "warn" };
  wall(process.execPath, ["dist/src/cli.js", "contract", "import", CONTRACT, "--org", "ding-bench"], env);
  const cases: [string, string, string[], number | null][] = [
    ["node -e 0 (baseline)", process.execPath, ["-e", "0"], null],
    ["steward --help", process.execPath, ["dist/src/cli.js", "--help"], 500],
    ["steward --version", process.execPath, ["dist/src/cli.js", "--version"], 500],
    ["steward contract list", process.execPath, ["dist/src/cli.js", "contract", "list"], 1000],
    ["npm run cli -- --help", "npm", ["run", "--silent", "cli", "--", "--help"], null],
    ["tsx src/cli.ts --help (compiled at run time)", process.execPath, ["--import", "tsx", "src/cli.ts", "--help"], null],
    ["tsx src/cli.ts contract list (compiled at run time)", process.execPath, ["--import", "tsx", "src/cli.ts", "contract", "list"], null],
  ];
  const figures = cases.map(([name, cmd, args, goal]) => {
    wall(cmd, args, env);
    const ms = Array.from({ length: runs }, () => wall(cmd, args, env));
    return { name, goal, min: Math.min(...ms), median: median(ms) };
  });
  const base = figures[0]!.median;
  const rows = figures.map((f) => ({
    command: f.name, minMs: Math.round(f.min), medianMs: Math.round(f.median), vsNode: `×${(f.median / base).toFixed(1)}`,
    goal: f.goal === null ? "—" : `≤ ${f.goal} ms ${f.median <= f.goal ? "✓" : "✗"}`,
  }));
  printTable(`CLI start to exit (min and median of ${runs}, after one warm-up run)`, rows);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
