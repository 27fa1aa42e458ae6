import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { inProcessCli } from "../../support/process-runner.js";
import { buildCli, runCli } from "../../../src/cli.js";
import { createCliContext } from "../../../src/cli/cli-context.js";
import { commandPath, EXAMPLES } from "../../../src/cli/command-examples.js";
import { COMMAND_GROUPS, namedGroup } from "../../../src/cli/command-groups.js";
import { isCalendarDate } from "../../../src/cli/option-parsers.js";
import { isMainModule } from "../../../src/lib/main-module.js";

const fx = (name: string) => new URL(`../../fixtures/contracts/${name}`, import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const cli = inProcessCli;

const run = cli({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), "cli-usage-")), "s.sqlite")}`, LOG_LEVEL: "silent" });

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

describe("usage errors exit 2 with commander's one-line message", () => {
  it.each([
    [["contract", "list", "--days", "abc"], "error: unknown option '--days'"],
    [["contract", "frobnicate"], "error: unknown command 'frobnicate'"],
    [["contrat", "list"], "(Did you mean contract?)"],
    [["contract", "show"], "error: missing required argument 'id'"],
    [["contract", "parse"], "error: missing required argument 'file'"],
    [["contract", "import", fx("direct-basic.txt"), "--starts-on", "tomorrow"], `--starts-on "tomorrow" is not a date; write YYYY-MM-DD`],
    [["contract", "update", "1", "--paid-on", "2025-02-30"], `--paid-on "2025-02-30" is not a date`],
    [["contract", "update", "1", "--invoiced-on"], "error: option '--invoiced-on <date>' argument missing"],
    [["reminders", "preview", "--from", "2025-13-01"], `--from "2025-13-01" is not a date`],
    [["reminders", "preview", "--to", "05/06/2025"], `--to "05/06/2025" is not a date`],
    [["reminders", "preview", "--contract", "x"], `--contract "x" is not a positive whole number`],
    [["reminders", "log", "--limit", "0"], `--limit "0" is not a positive whole number`],
    [["reminders", "log", "--status", "lost"], `--status "lost" is not one of pending, sent, failed, skipped`],
    [["reminders", "run", "--now", "tomorrow"], "is not an ISO-8601 date or instant"],
    [["reminders", "run", "--now", "2025-02-12T25:00Z"], "is not an ISO-8601 date or instant"],
    [["db", "migrate", "--force"], "error: unknown option '--force'"],
    [["--verbose"], "error: unknown option '--verbose'"],
    [[], "Usage: steward [options] [command]"],
  ])("%j", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
  });

  it("accepts real calendar dates only", () => {
    expect(["2024-02-29", "2025-12-31", "2025-01-01"].every(isCalendarDate)).toBe(true);
    expect(["2025-02-29", "2025-04-31", "2025-00-10", "2025-1-1", "20250101", "2025-01-01T00:00"].some(isCalendarDate)).toBe(false);
  });
});

describe("help and version", () => {
  it("prints the version from package.json", async () => {
    for (const flag of ["--version", "-V"]) expect(await run(flag)).toEqual({ code: 0, out: VERSION, err: "" });
  });

  it("gives every command examples in its --help, and `help CMD` works too", async () => {
    const program = await buildCli(createCliContext({}));
    const paths = allCommands(program).map(commandPath);
    expect(paths).toEqual(expect.arrayContaining(["", "contract show", "reminders run", "chat", "db status", "demo seed"]));
    for (const path of paths) {
      expect(EXAMPLES[path], `examples for "${path}"`).toBeDefined();
      const r = await run(...(path ? path.split(" ") : []), "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: steward${path ? ` ${path}` : ""}`);
      expect(r.out).toContain(`Examples:\n  $ ${EXAMPLES[path]![0]}`);
    }
    expect((await run("help", "reminders")).out).toContain("Usage: steward reminders [options] [command]");
  });

  it("lists each top-level command with the same summary its module gives it", async () => {
    const program = await buildCli(createCliContext({}));
    expect(program.commands.map((c) => [c.name(), c.description()])).toEqual(COMMAND_GROUPS.map((g) => [g.name, g.summary]));
    expect([namedGroup(["contract", "list"]), namedGroup(["help", "db"]), namedGroup(["--help"]), namedGroup([])]).toEqual(["contract", "db", undefined, undefined]);
  });

  it("knows it is the main module when started through a symlink", () => {
    const link = join(mkdtempSync(join(tmpdir(), "cli-link-")), "steward");
    const target = new URL("../../../src/cli.ts", import.meta.url);
    symlinkSync(target.pathname, link);
    expect(isMainModule(target.href, link)).toBe(true);
    expect(isMainModule(target.href, target.pathname)).toBe(true);
    expect(isMainModule(pathToFileURL(fx("direct-basic.txt")).href, link)).toBe(false);
    expect(isMainModule(target.href, undefined)).toBe(false);
  });
});

describe("contract show", () => {
  it("prints the summary `contract parse` prints, plus what the database adds; --json stays", async () => {
    const parsed = await run("contract", "parse", fx("reseller-basic.txt"));
    expect((await run("contract", "import", fx("reseller-basic.txt"), "--org", "ding-show")).code).toBe(0);
    const id = /#(\d+)/.exec((await run("contract", "list")).out)![1]!;
    expect((await run("contract", "update", id, "--paid-on", "2024-04-01")).code).toBe(0);
    const shown = await run("contract", "show", id);
    expect(shown.code).toBe(0);
    const lines = shown.out.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^合同 #${id} · 生效中（active）· 组织 ding-show · 文件 reseller-basic.txt$`));
    expect(lines.slice(1, 1 + parsed.out.split("\n").length).join("\n")).toBe(parsed.out);
    expect(shown.out).toContain("记录：付款 2024-04-01 · 发票申请 未记录 · 开票 未记录");
    expect(shown.out).toMatch(/条款：已保存 \d+ 条/);
    expect(shown.out).not.toMatch(/[a-z_]+\.[a-z_]+=\d+\/(year|month|term|none)/);
    const json = JSON.parse((await run("contract", "show", id, "--json")).out);
    expect(json).toMatchObject({ contract: { id: Number(id), paidOn: "2024-04-01" }, entitlements: expect.any(Array), quotas: expect.any(Array) });
  });
});
