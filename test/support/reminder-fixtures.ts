import { readFileSync } from "node:fs";
import { RemindersSchema } from "../../src/config/reminders.schema.js";
import type { PolicyInput, ReminderContract, ReminderSettings } from "../../src/domain/reminder-model.js";

const defaults = JSON.parse(readFileSync(new URL("../../config/defaults.json", import.meta.url), "utf8")) as { reminders: unknown; dataRetention: PolicyInput["retention"] };

/** The committed default reminder settings (config/defaults.json), parsed; pass overrides per section. */
export function reminderSettings(over: Partial<ReminderSettings> = {}): ReminderSettings {
  return { ...(RemindersSchema.parse(defaults.reminders) as ReminderSettings), ...over };
}

/** The committed data-retention defaults. */
export const RETENTION = defaults.dataRetention;

/** A one-year contract 2024-10-01 … 2025-09-30 of 示例科技, paid and invoiced, with the usual quotas; override anything. */
export function reminderContract(over: Partial<ReminderContract> & { terms?: Partial<ReminderContract["terms"]> } = {}): ReminderContract {
  const { terms, ...rest } = over;
  return {
    id: 1, orgName: "示例科技（杭州）有限公司", status: "active", createdOn: "2024-09-20", renewedBy: null, usage: [],
    quotas: [
      { metric: "ding.messages", limit: 1000, unit: "message", period: "year", label: "DING" },
      { metric: "phone_conference.minutes", limit: 5000, unit: "minute", period: "year", label: "电话会议" },
      { metric: "api.calls", limit: 500000, unit: "call", period: "month", label: "API 调用" },
      { metric: "storage.capacity_gb", limit: 1024, unit: "gb", period: "none", label: "云盘空间" },
    ],
    ...rest,
    terms: {
      startsOn: "2024-10-01", termMonths: 12, signedOn: "2024-09-20", paidOn: "2024-09-25", invoicedOn: "2024-09-27", amountFen: 980000,
      paymentTerm: { within: { value: 30, unit: "day" }, from: "signing" },
      invoiceTerm: { within: { value: 5, unit: "working_day" }, from: "payment", latePenaltyRatePerDay: 0.002 },
      ...terms,
    },
  };
}

/** A policy input with two subscribed admins and one admin group. */
export function policyInput(now: string | Date, contracts: ReminderContract[], over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    now: new Date(now), tz: "Asia/Shanghai", settings: reminderSettings(), retention: RETENTION, contracts, deliveries: [], preferences: [],
    recipients: { users: ["admin1", "admin2"], groups: ["cidAdminGroup=="] }, ...over,
  };
}
