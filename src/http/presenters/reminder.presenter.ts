import type { DeliveryLogEntry, UpcomingReminder as UpcomingNotice } from "../../services/reminder.service.js";
import type { ReminderLogEntry, UpcomingReminder } from "../../../mini-app/src/api-types.js";

/** English titles by notice kind; the DingTalk notices themselves are written in Chinese. */
const TITLE_EN: Record<string, string> = {
  renewal: "Renewal reminder", data_deletion: "Data deletion warning", consumable_lapse: "Unused allowances lapse",
  quota_threshold: "Quota threshold reached", payment_deadline: "Payment deadline", invoice_deadline: "Invoice deadline",
  reading_request: "Please enter usage readings", incomplete_contract: "Contract data incomplete",
};

/** An upcoming notice as the page shows it (recipients are not exposed), titled in the page's language. */
export function presentUpcoming(r: UpcomingNotice, lang: "zh" | "en" = "zh"): UpcomingReminder {
  return {
    contractId: r.contractId, kind: r.kind, dueKey: r.dueKey, date: r.date, time: r.time, channel: r.channel, severity: r.severity,
    title: lang === "en" ? `${TITLE_EN[r.kind] ?? r.kind} (${r.dueKey})` : r.title, snoozedUntil: r.snoozedUntil, acknowledged: r.acknowledged,
  };
}

/** One delivery-log row as the page shows it. */
export function presentDelivery(e: DeliveryLogEntry): ReminderLogEntry {
  return { at: e.at, kind: e.kind, channel: e.channel, recipient: e.recipient, status: e.status, error: e.error };
}
