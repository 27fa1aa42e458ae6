import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess, type Run } from "../../support/process-runner.js";

/**
 * The built `steward` bin as operators run it: compiled once here with the build config (config/tsconfig.build.json,
 * what postinstall and `npm run build` use) into a scratch directory inside the project (so node_modules and the
 * project files resolve as from dist/), then started through a symlink, like `npx steward` or a global install.
 */
const ROOT = new URL("../../../", import.meta.url).pathname;
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };
let out: string;
let bin: string;

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runProcess(bin, args, { cwd: tmpdir(), env });
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

beforeAll(async () => {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, "steward-dist-"));
  await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(ROOT, "config/tsconfig.build.json"), "--outDir", out], { cwd: ROOT });
  chmodSync(join(out, "src/cli.js"), 0o755);
  const links = mkdtempSync(join(tmpdir(), "steward-bin-"));
  bin = join(links, "steward");
  symlinkSync(join(out, "src/cli.js"), bin);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the build (config/tsconfig.build.json)", () => {
  it("holds the service, the CLI and the migrations, and no test or bench file", () => {
    const built = files(out).map((f) => relative(out, f));
    expect(built).toEqual(expect.arrayContaining(["src/cli.js", "src/main.js", "migrations/index.js"]));
    expect(built.filter((f) => /^(test|bench)\//.test(f))).toEqual([]);
    expect(readFileSync(join(out, "src/cli.js"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("is what the bin, npm start, npm run cli and postinstall use", () => {
    expect(PKG.bin.steward).toBe("dist/src/cli.js");
    expect(PKG.scripts.start).toBe("node dist/src/main.js");
    expect(PKG.scripts.cli).toBe("node dist/src/cli.js");
    expect(PKG.scripts.prestart).toBeUndefined();
    expect(PKG.scripts["build:server"]).toContain("tsc -p config/tsconfig.build.json");
    expect(PKG.scripts.postinstall).toBe("npm run --silent build");
  });
});

describe("the steward bin through a symlink", () => {
  it("prints the version from package.json and exits 0", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: "" });
  });

  it("prints help with examples and exits 0, loading commander alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "steward-trace-"));
    const log = join(dir, "loaded.txt");
    writeFileSync(join(dir, "hooks.mjs"), `import { appendFileSync } from "node:fs";\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + "\\n"); return r; }\n`);
    writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`);
    const r = await run(["--help"], { NODE_OPTIONS: `--import=${pathToFileURL(join(dir, "register.mjs")).href}` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: steward [options] [command]");
    expect(r.stdout).toMatch(/contract\s+Parse, import and inspect contracts/);
    expect(r.stdout).toContain("Examples:\n  $ steward contract import 合同.pdf");
    const loaded = readFileSync(log, "utf8").split("\n").filter((url) => url && !url.startsWith(pathToFileURL(out).href));
    const packages = new Set(loaded.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? url).filter((p) => !p.startsWith("node:")));
    expect([...packages]).toEqual(["commander"]);
  });

  it("lists the contracts of a SQLite file and exits 0", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "steward-bin-db-")), "s.sqlite");
    const r = await run(["contract", "list"], { DATABASE_URL: `sqlite:${db}` });
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining("No contracts yet") });
    expect(existsSync(db)).toBe(true);
  });

  it("exits 2 on usage errors, with commander's message and a hint", async () => {
    const r = await run(["reminders", "log", "--limit", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: option '--limit <n>' argument 'abc' is invalid. --limit "abc" is not a positive whole number.\n(add --help for usage)\n`);
  });
});
