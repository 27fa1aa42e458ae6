import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess, type Run } from "../../support/process-runner.js";

/**
 * The real entry points as operators run them (`node --import tsx src/main.ts`, `… src/cli.ts`), from a working
 * directory of their own, so a `.env` there is what the process finds.
 */
const ROOT = new URL("../../../", import.meta.url).pathname;
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

function run(entry: "src/main.ts" | "src/cli.ts", args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<Run> {
  return runProcess(process.execPath, ["--import", TSX, join(ROOT, entry), ...args], { cwd: opts.cwd, env: { TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"), ...opts.env } });
}

const freshDir = () => mkdtempSync(join(tmpdir(), "steward-proc-"));
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(async () => new Promise<void>((resolve) => busy.close(() => resolve())));

describe("the service process", () => {
  it("exits 2 with one line when the port is already in use", async () => {
    const r = await run("src/main.ts", [], {
      cwd: freshDir(),
      env: { PORT: String(busyPort), HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_DEMO_SEED: "off", LOG_LEVEL: "silent" },
    });
    expect(r).toMatchObject({ code: 2, stderr: `Port ${busyPort} is already in use; stop the other process or set PORT to a free port.\n` });
  });

  it("exits 2 listing every configuration problem, one line each", async () => {
    const r = await run("src/main.ts", [], { cwd: freshDir(), env: { PORT: "abc", DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "TOPSECRET-1", STEWARD_ADMIN_TOKEN: "" } });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "Invalid configuration:",
      '  - PORT must be a whole number between 1 and 65535, got "abc"',
      "  - DINGTALK_CLIENT_ID is required when DINGTALK_CLIENT_SECRET is set (it is empty); set both, or neither for demo mode",
      "See config/.env.example for every variable.",
    ]);
    expect(r.stderr).not.toContain("TOPSECRET-1");
  });

  it("reads .env from its working directory, logs which file, and lets the environment win", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, ".env"), `PORT=1\nHOST=127.0.0.1\nDATABASE_URL=sqlite::memory:\nSTEWARD_DEMO_SEED=off\nSTEWARD_ADMIN_TOKEN=\nSTEWARD_SESSION_SECRET=\nSTEWARD_PUBLIC_URL=\n`);
    const r = await run("src/main.ts", [], { cwd: dir, env: { PORT: String(busyPort), LOG_LEVEL: "info" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Port ${busyPort} is already in use; stop the other process or set PORT to a free port.\n`);
    const line = r.stdout.split("\n").find((l) => l.includes("read environment variables from .env"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ envFile: join(dir, ".env") });
  });
});

describe("the CLI process", () => {
  it("reads .env from its working directory and says so on stderr", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, ".env"), "STEWARD_TIMEZONE=Mars/Base\nDATABASE_URL=\n");
    const r = await run("src/cli.ts", ["db", "status"], { cwd: dir, env: {} });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`steward: read environment variables from ${join(dir, ".env")} (variables already set win)`);
    expect(lines).toContain('  - STEWARD_TIMEZONE must be an IANA time zone such as Asia/Shanghai, got "Mars/Base"');
  });
});
