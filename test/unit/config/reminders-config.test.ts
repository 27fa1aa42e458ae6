import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config/index.js";
import { REMINDER_KINDS } from "../../../src/config/reminders.schema.js";
import { NOTICE_KINDS } from "../../../src/domain/reminder-model.js";

const dir = mkdtempSync(join(tmpdir(), "rem-cfg-"));
let n = 0;

/** Problems reported for a settings override file holding `reminders: over`. */
function problems(over: Record<string, unknown>): string[] {
  const file = join(dir, `o${++n}.json`);
  writeFileSync(file, JSON.stringify({ reminders: over }));
  try {
    loadConfig({ STEWARD_CONFIG_FILE: file });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("settings.reminders", () => {
  it("ships a valid default schedule, configurable by an overrides file", () => {
    const r = loadConfig({}).settings.reminders;
    expect(r.renewal.daysBefore).toEqual([90, 60, 30, 14, 7, 3, 1, 0]);
    expect(r.quietHours).toEqual({ start: "09:00", end: "18:00", workingDaysOnly: true, urgentOverride: true });
    expect(problems({ renewal: { daysBefore: [60, 30, 7], graceDays: 14, graceEveryDays: 7 } })).toEqual([]);
  });

  it.each([
    ["a schedule entry that is not a number", { renewal: { daysBefore: [90, "30"], graceDays: 30, graceEveryDays: 7 } }, "settings.reminders.renewal.daysBefore.1"],
    ["a duplicated schedule entry", { dataDeletion: { daysBefore: [30, 14, 14] } }, "settings.reminders.dataDeletion.daysBefore.2: 14 is listed twice"],
    ["a duplicated threshold", { quotaThresholds: { percents: [80, 80] } }, "settings.reminders.quotaThresholds.percents.1: 80 is listed twice"],
    ["a fractional day", { payment: { daysBefore: [1.5], overdueEveryDays: 7 } }, "settings.reminders.payment.daysBefore.0: must be a whole number"],
    ["a negative day", { consumableLapse: { daysBefore: [-1] } }, "settings.reminders.consumableLapse.daysBefore.0: cannot be negative"],
    ["quiet hours ending before they start", { quietHours: { start: "18:00", end: "09:00", workingDaysOnly: true, urgentOverride: true } }, "settings.reminders.quietHours.end"],
    ["a send time outside quiet hours", { sendTime: "20:00" }, "settings.reminders.sendTime: 20:00 is outside quiet hours"],
    ["a bad cron expression", { cron: "every day" }, "settings.reminders.cron"],
    ["a typo in a key", { renewl: { daysBefore: [1] } }, "renewl"],
    ["an unknown group kind", { groupKinds: ["renewal", "birthday"] }, "settings.reminders.groupKinds.1"],
    ["an SMS type that does not exist", { ding: { renewalWithinDays: 7, deletionDaysBefore: [0], escalation: { remindType: 5, daysBefore: [0] } } }, "settings.reminders.ding.escalation.remindType"],
  ])("refuses to start with %s and names the key", (_name, over, key) => {
    expect(problems(over).join("\n")).toContain(key);
  });

  it("keeps the config's kinds and the domain's kinds the same list", () => {
    expect([...REMINDER_KINDS]).toEqual([...NOTICE_KINDS]);
  });
});
