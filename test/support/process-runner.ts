import { spawn } from "node:child_process";
import { runCli } from "../../src/cli.js";
import { createCliContext } from "../../src/cli/cli-context.js";
import { FixedClock } from "../../src/lib/clock.js";

/** How a process (or an in-process CLI run) ended and what it printed. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after 25 s), with only PATH plus `env` in its environment. */
export function runProcess(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { PATH: process.env.PATH ?? "", ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The operator CLI run in this process with `env`, its output captured, on a fixed clock (2024-04-05). */
export function inProcessCli(env: Record<string, string>) {
  return async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, createCliContext(env, { out: (s) => out.push(s), err: (s) => err.push(s) }, new FixedClock("2024-04-05T06:00:00Z")));
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
}
