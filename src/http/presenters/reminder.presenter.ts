import { noticeTitle } from "../../domain/notice-titles.js";
import type { DeliveryLogEntry, UpcomingReminder as UpcomingNotice } from "../../services/reminder.service.js";
import type { ReminderLogEntry, UpcomingReminder } from "../../../mini-app/src/api-types.js";

/**
 * An upcoming notice as the page shows it (recipients are not exposed), titled in the page's language by the shared
 * notice titles (the DingTalk notices themselves are written in Chinese). `dueKey` is data for the page's actions,
 * never part of a title.
 */
export function presentUpcoming(r: UpcomingNotice, lang: "zh" | "en" = "zh"): UpcomingReminder {
  return {
    contractId: r.contractId, kind: r.kind, dueKey: r.dueKey, date: r.date, time: r.time, channel: r.channel, severity: r.severity,
    title: noticeTitle(r, lang), snoozedUntil: r.snoozedUntil, acknowledged: r.acknowledged,
  };
}

/** One delivery-log row as the page shows it. */
export function presentDelivery(e: DeliveryLogEntry): ReminderLogEntry {
  return { at: e.at, kind: e.kind, channel: e.channel, recipient: e.recipient, status: e.status, error: e.error };
}
