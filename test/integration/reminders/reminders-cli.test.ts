import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inProcessCli } from "../../support/process-runner.js";
import { parseNow } from "../../../src/cli/reminders.command.js";

const fx = (name: string) => new URL(`../../fixtures/contracts/${name}`, import.meta.url).pathname;

const cli = inProcessCli;

describe("reminders CLI (demo mode, SQLite file)", () => {
  const run = cli({
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), "rem-cli-")), "s.sqlite")}`, STEWARD_ADMIN_USERIDS: "admin1", STEWARD_ADMIN_GROUPS: "cidAdminGroup1", LOG_LEVEL: "silent",
  });

  it("previews the timeline of every notice with date, time, kind, channel and recipients", async () => {
    expect((await run("contract", "import", fx("direct-basic.txt"), "--org", "ding-cli")).code).toBe(0);
    const p = await run("reminders", "preview", "--contract", "1", "--from", "2025-01-01", "--to", "2025-03-31");
    expect(p.code).toBe(0);
    expect(p.out).toContain("2025-01-13 09:30  #1  renewal             robot → admin1  钉钉专业版 60 天后到期（2025-03-14）");
    expect(p.out).toContain("2025-01-13 09:30  #1  renewal             group → cidAdminGroup1  钉钉专业版 60 天后到期（2025-03-14）");
    expect(p.out).toContain("2025-03-14 09:30  #1  renewal             ding  → admin1  钉钉专业版今天到期（2025-03-14）");
    expect(p.out).toMatch(/notice\(s\); times are Asia\/Shanghai\.$/);
    const json = JSON.parse((await run("reminders", "preview", "--json", "--from", "2025-03-14", "--to", "2025-03-14")).out);
    expect(json.some((e: { kind: string; dueKey: string }) => e.kind === "renewal" && e.dueKey === "T-0@2025-03-14")).toBe(true);
  });

  it("runs one sweep as of --now (dry run first), then shows the delivery log", async () => {
    const dry = await run("reminders", "run", "--now", "2025-02-12T09:30:00+08:00", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("钉钉专业版 30 天后到期（2025-03-14）");
    expect(dry.out).toContain("dry run, nothing was sent.");
    expect((await run("reminders", "log")).out).toBe("No deliveries yet.");
    const real = await run("reminders", "run", "--now", "2025-02-12T01:30:00Z");
    expect(real.out).toMatch(/sent \d+, failed 0 \(will retry\), skipped 0/);
    expect(real.out).toContain("Demo mode");
    const log = await run("reminders", "log", "--contract", "1");
    expect(log.out).toMatch(/#1 renewal T-30@2025-03-14 {2}robot → admin1 {2}sent \(1 attempt\(s\)\)/);
    const again = await run("reminders", "run", "--now", "2025-02-12T01:40:00Z");
    expect(again.out).toContain("0 notice(s) due");
  });

  it.each([
    [["reminders", "run", "--now", "tomorrow"], 2, "is not an ISO-8601 date or instant"],
    [["reminders", "run", "--now", "2025-02-30T09:00"], 2, "is not an ISO-8601 date or instant"],
    [["reminders", "run", "--now", "2025-02-12T25:00Z"], 2, "is not an ISO-8601 date or instant"],
    [["reminders", "preview", "--from", "2025-13-01"], 2, "--from \"2025-13-01\" is not a date"],
    [["reminders", "preview", "--from", "2025-03-01", "--to", "2025-02-01"], 1, "is before --from"],
    [["reminders", "preview", "--contract", "x"], 2, "--contract \"x\" is not a positive whole number"],
    [["reminders", "preview", "--contract", "99"], 1, "Contract 99 does not exist"],
    [["reminders", "log", "--status", "lost"], 2, "--status \"lost\" is not one of"],
  ])("refuses %j with a clear message (exit %i: 2 for a malformed value, 1 when the command fails)", async (argv, code, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });
});

describe("parseNow", () => {
  it.each([
    ["2025-02-12T09:30:00+08:00", "2025-02-12T01:30:00.000Z"],
    ["2025-02-12T01:30:00Z", "2025-02-12T01:30:00.000Z"],
    ["2025-02-12T09:30", "2025-02-12T01:30:00.000Z"],
    ["2025-02-12T00:15:30", "2025-02-11T16:15:30.000Z"],
    ["2025-02-12", "2025-02-12T01:30:00.000Z"],
  ])("%s → %s (local times in Asia/Shanghai, a date at the send time)", (raw, iso) => {
    expect(parseNow(raw, "Asia/Shanghai", "09:30").toISOString()).toBe(iso);
  });
});
