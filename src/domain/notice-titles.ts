/**
 * Titles of upcoming notices for people who read English (the page and the bot with `lang=en`); the notices
 * themselves go out in Chinese. Read from what a planned notice carries (its kind, its due key as
 * reminder-occurrences.ts writes it, its send date), so no edge ever shows a due key itself. Pure.
 */
import { daysBetween } from "./business-calendar.js";
import { metricLabel, type Lang } from "./display-labels.js";

/** An upcoming notice as far as its title goes. */
export interface TitledNotice {
  kind: string;
  dueKey: string;
  /** Business date it goes out. */
  date: string;
  /** The Chinese title the notice carries. */
  title: string;
}

/** What a due key says: the event date, the month asked for, the metric and alert level. */
interface DueKeyParts {
  eventOn: string | null;
  month: string | null;
  metric: string | null;
  level: number | null;
}

/** Matches the internal keys of notices ("T-30@2027-01-01", "fix@…", "read@2027-01"); none may reach people. */
export const DUE_KEY_PATTERN = /[A-Za-z]+[-+]\d+@\d{4}|fix@|read@|del-\d+@|lapse-\d+@|q:[^\s]+@/;

/** Reads a due key (a snoozed copy's "~date" suffix dropped). */
export function parseDueKey(dueKey: string): DueKeyParts {
  const key = dueKey.replace(/~\d{4}-\d{2}-\d{2}$/, "");
  const threshold = /^q:(.+)@[^:@]+:(\d+)$/.exec(key);
  if (threshold) return { eventOn: null, month: null, metric: threshold[1]!, level: Number(threshold[2]) };
  const month = /^read@(\d{4}-\d{2})$/.exec(key);
  if (month) return { eventOn: null, month: month[1]!, metric: null, level: null };
  const dated = /@(\d{4}-\d{2}-\d{2})$/.exec(key);
  return { eventOn: dated ? dated[1]! : null, month: null, metric: null, level: null };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The English title of an upcoming notice ("DingTalk Pro expires in 30 days (2024-05-05)"). */
export function englishNoticeTitle(n: Pick<TitledNotice, "kind" | "dueKey" | "date">): string {
  const p = parseDueKey(n.dueKey);
  const days = p.eventOn ? daysBetween(n.date, p.eventOn) : null;
  const on = p.eventOn ?? "";
  switch (n.kind) {
    case "renewal":
      if (days === null) return "DingTalk Pro renewal reminder";
      if (days > 0) return `DingTalk Pro expires in ${plural(days, "day")} (${on})`;
      return days === 0 ? `DingTalk Pro expires today (${on})` : `DingTalk Pro expired ${plural(-days, "day")} ago (${on}), not renewed yet`;
    case "data_deletion":
      return days !== null && days > 0
        ? `Data affected in ${plural(days, "day")} (from ${on}): chat history falls back, drive data may be cleared`
        : `Data affected from today (${on}): chat history falls back, drive data may be cleared`;
    case "consumable_lapse":
      return days === null ? "Unused allowances lapse soon" : `Unused allowances lapse after ${on} (${plural(Math.max(0, days), "day")} left)`;
    case "quota_threshold":
      return p.metric && p.level !== null ? `${metricLabel(p.metric, "en")} reached the ${p.level}% alert level` : "A quota reached an alert level";
    case "payment_deadline":
    case "invoice_deadline": {
      const what = n.kind === "payment_deadline" ? "Payment" : "Invoice";
      if (days === null) return `${what} deadline`;
      return days >= 0 ? `${what} due ${on} (${plural(days, "day")} left)` : `${what} ${plural(-days, "day")} overdue (due ${on})`;
    }
    case "reading_request":
      return p.month ? `Please enter the usage for ${p.month}` : "Please enter usage readings";
    case "incomplete_contract":
      return "Contract data incomplete: some reminders cannot be scheduled";
    default:
      return "Reminder";
  }
}

/** The title of an upcoming notice in `lang`: its own (Chinese) title, or the English one; never a due key. */
export function noticeTitle(n: TitledNotice, lang: Lang): string {
  return lang === "en" ? englishNoticeTitle(n) : n.title;
}
