import { InvalidArgumentError, type Command } from "commander";
import { atBusinessTime, businessDate, isIsoDate } from "../domain/business-calendar.js";
import { AppError } from "../lib/app-error.js";
import type { CliContext } from "./cli-context.js";
import { oneOfArg, positiveIntArg } from "./option-parsers.js";

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses `--now`: an ISO-8601 instant (2024-05-06T09:30:00+08:00, …Z), a local date-time in the business time zone
 * (2024-05-06T09:30), or a date (that day at the reminder send time). Anything else is invalid_input.
 */
export function parseNow(raw: string, tz: string, sendTime: string): Date {
  const bad = () => new AppError("invalid_input", `--now "${raw}" is not an ISO-8601 date or instant; write e.g. 2024-05-06T09:30:00+08:00, 2024-05-06T01:30:00Z or 2024-05-06.`);
  const m = ISO_INSTANT.exec(raw.trim());
  if (!m || !isIsoDate(m[1])) throw bad();
  const [, date, hh, mm, ss, , zone] = m;
  if (hh === undefined) return atBusinessTime(date!, sendTime, tz);
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) throw bad();
  if (!zone) return new Date(atBusinessTime(date!, `${hh}:${mm}`, tz).getTime() + Number(ss ?? 0) * 1000 + Math.round(Number(m[5] ?? 0) * 1000));
  const t = new Date(raw.trim());
  if (Number.isNaN(t.getTime())) throw bad();
  return t;
}

/** Parser for `--now`: checks the form (a usage error when wrong); the action reads it in the business time zone. */
function nowArg(v: string): string {
  try {
    parseNow(v, "UTC", "09:30");
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return v;
}

const DELIVERY_STATUSES = ["pending", "sent", "failed", "skipped"] as const;

function localTime(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

function dateArg(v: string): string {
  if (!isIsoDate(v)) throw new InvalidArgumentError(`"${v}" is not a date; write YYYY-MM-DD, e.g. 2024-05-06.`);
  return v;
}

/** One line per API, busiest first, then the total. */
function printApiCalls(ctx: CliContext, day: { date: string; total: number; byApi: Record<string, number> }, json: boolean): void {
  if (json) return ctx.out(JSON.stringify(day, null, 2));
  const rows = Object.entries(day.byApi).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rows.length === 0) return ctx.out(`No metered DingTalk API calls recorded on ${day.date} (the ledger records them only for a contract with an API-call quota).`);
  const width = Math.max(...rows.map(([api]) => api.length));
  for (const [api, n] of rows) ctx.out(`${api.padEnd(width)}  ${n}`);
  ctx.out(`${day.total} metered DingTalk API call(s) on ${day.date} (${ctx.config().timezone}).`);
}

/** `reminders preview | run | log`: the reminder timeline, one sweep, and the delivery log. */
export function registerReminderCommands(program: Command, ctx: CliContext): void {
  const rem = program.command("reminders").description("Reminders: the timeline of notices, one sweep, the delivery log");

  rem.command("preview")
    .description("Print every notice that will fire (date, time, kind, channel, recipients) — the next triggers")
    .option("--contract <id>", "only this contract", positiveIntArg("--contract"))
    .option("--from <date>", "first day (YYYY-MM-DD, default today)")
    .option("--to <date>", "last day (YYYY-MM-DD, default from + 120 days)")
    .option("--json", "print JSON")
    .action(async (o: { contract?: number; from?: string; to?: string; json?: boolean }) => {
      const services = await ctx.services();
      const tz = ctx.config().timezone;
      const entries = await services.previewReminders({ contractId: o.contract, from: o.from, to: o.to });
      if (o.json) return ctx.out(JSON.stringify(entries, null, 2));
      if (entries.length === 0) return ctx.out("No notice will fire in that range (no contract, all renewed/terminated, or nobody to notify).");
      for (const e of entries) {
        const held = e.acknowledged ? "  [acknowledged: will not fire]" : e.snoozedUntil ? `  [snoozed until ${e.snoozedUntil.toISOString()}]` : e.delivered ? "  [already delivered]" : "";
        ctx.out(`${businessDate(e.sendAt, tz)} ${localTime(e.sendAt, tz)}  #${e.contractId}  ${e.kind.padEnd(19)} ${e.channel.padEnd(5)} → ${e.recipients.join(",")}  ${e.title}${held}`);
      }
      ctx.out(`${entries.length} notice(s); times are ${tz}.`);
    });

  rem.command("run")
    .description("Run one sweep now (or as of --now) and send what is due")
    .option("--now <iso>", "sweep as of this ISO-8601 instant (e.g. 2024-05-06T09:30:00+08:00), local date-time or date", nowArg)
    .option("--dry-run", "only list what would be sent")
    .option("--json", "print JSON")
    .action(async (o: { now?: string; dryRun?: boolean; json?: boolean }) => {
      const cfg = ctx.config();
      const now = o.now === undefined ? undefined : parseNow(o.now, cfg.timezone, cfg.settings.reminders.sendTime);
      const services = await ctx.services();
      const r = await services.runReminderSweep({ now, dryRun: Boolean(o.dryRun) });
      if (o.json) return ctx.out(JSON.stringify(r, null, 2));
      for (const n of r.notices) ctx.out(`  ${n.severity.padEnd(8)} #${n.contractId} ${n.kind.padEnd(19)} ${n.channel.padEnd(5)} → ${n.recipients.join(",")}  ${n.title}`);
      const head = `Sweep as of ${r.now.toISOString()}: ${r.notices.length} notice(s) due`;
      if (r.dryRun) return ctx.out(`${head}; dry run, nothing was sent.`);
      ctx.out(`${head}; sent ${r.sent}, failed ${r.failed} (will retry), skipped ${r.skipped}, held by another instance ${r.taken}; ${r.messages} message(s), ${r.dings} DING(s).`);
      if (r.pausedUntil) ctx.out(`DingTalk's monthly API quota is used up: metered sends are paused until ${r.pausedUntil.toISOString()}.`);
      if (cfg.demo) ctx.out("Demo mode (no DingTalk credentials): messages were written to the outbox table, not sent.");
    });

  rem.command("log")
    .description("Show the newest deliveries with their status and failure reasons (--api: the day's DingTalk API calls)")
    .option("--api", "print the day's metered DingTalk API calls per API instead")
    .option("--date <date>", "with --api: the business day (YYYY-MM-DD, default today)", dateArg)
    .option("--contract <id>", "only this contract", positiveIntArg("--contract"))
    .option("--limit <n>", "how many (default 50)", positiveIntArg("--limit"))
    .option("--status <status>", "only pending | sent | failed | skipped", oneOfArg("--status", DELIVERY_STATUSES))
    .option("--json", "print JSON")
    .action(async (o: { api?: boolean; date?: string; contract?: number; limit?: number; status?: string; json?: boolean }) => {
      const services = await ctx.services();
      if (o.api) return printApiCalls(ctx, await services.apiCallsOnDay({ date: o.date }), Boolean(o.json));
      const rows = await services.deliveryLog({ contractId: o.contract, limit: o.limit ?? 50, status: o.status });
      if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out("No deliveries yet.");
      for (const r of rows) {
        ctx.out(`${r.at}  #${r.contractId} ${r.kind} ${r.dueKey}  ${r.channel} → ${r.recipient}  ${r.status} (${r.attempts} attempt(s))${r.error ? `  ${r.error}` : ""}`);
      }
    });
}
