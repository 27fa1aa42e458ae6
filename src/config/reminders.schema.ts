import { validate as validateCron } from "node-cron";
import { z } from "zod";

/** Notice kinds (the same list as domain/reminder-model.ts NOTICE_KINDS; a unit test keeps them equal). */
export const REMINDER_KINDS = [
  "renewal", "data_deletion", "consumable_lapse", "quota_threshold", "payment_deadline", "invoice_deadline",
  "reading_request", "incomplete_contract",
] as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(HHMM, "must be a time HH:MM (24-hour), e.g. 09:30");

/** A list of whole-day offsets, each listed once. */
const dayOffsets = (max: number) =>
  z
    .array(z.number().int("must be a whole number of days").min(0, "cannot be negative").max(max, `must be at most ${max} days`))
    .superRefine((xs, ctx) => {
      const seen = new Set<number>();
      xs.forEach((x, i) => {
        if (seen.has(x)) ctx.addIssue({ code: "custom", path: [i], message: `${x} is listed twice; list each day once` });
        seen.add(x);
      });
    });

const positiveDays = z.number().int("must be a whole number of days").positive("must be at least 1 day");

/** `settings.reminders`: every schedule, quiet hours, DING policy, digest and delivery knobs. Strict: typos fail. */
export const RemindersSchema = z
  .object({
    cron: z.string().refine((c) => validateCron(c), "must be a cron expression such as \"10,30,50 * * * *\""),
    sendTime: time,
    catchUpDays: z.number().int("must be a whole number of days").min(0).max(366),
    quietHours: z.object({ start: time, end: time, workingDaysOnly: z.boolean(), urgentOverride: z.boolean() }).strict()
      .refine((q) => q.start < q.end, { message: "start must be before end", path: ["end"] }),
    renewal: z.object({ daysBefore: dayOffsets(366).min(1, "needs at least one day"), graceDays: z.number().int().min(0).max(366), graceEveryDays: positiveDays }).strict(),
    dataDeletion: z.object({ daysBefore: dayOffsets(366) }).strict(),
    consumableLapse: z.object({ daysBefore: dayOffsets(366) }).strict(),
    quotaThresholds: z
      .object({
        percents: z.array(z.number().positive("must be above 0").max(1000)).superRefine((xs, ctx) => {
          xs.forEach((x, i) => {
            if (xs.indexOf(x) !== i) ctx.addIssue({ code: "custom", path: [i], message: `${x} is listed twice; list each level once` });
          });
        }),
      })
      .strict(),
    payment: z.object({ daysBefore: dayOffsets(366), overdueEveryDays: positiveDays }).strict(),
    invoice: z.object({ daysBefore: dayOffsets(366), overdueEveryDays: positiveDays }).strict(),
    readingRequest: z.object({ dayOfMonth: z.number().int().min(1).max(31), metrics: z.array(z.string().min(1)) }).strict(),
    incompleteContract: z.object({ everyDays: positiveDays }).strict(),
    ding: z
      .object({
        renewalWithinDays: z.number().int().min(0).max(366),
        deletionDaysBefore: dayOffsets(366),
        escalation: z
          .object({ remindType: z.union([z.literal(2), z.literal(3), z.null()], { error: "must be 2 (SMS), 3 (phone) or null (in-app only)" }), daysBefore: dayOffsets(366) })
          .strict(),
      })
      .strict(),
    groupKinds: z.array(z.enum(REMINDER_KINDS)),
    digest: z.object({ maxItemsPerMessage: z.number().int().min(1).max(50), actionCard: z.boolean() }).strict(),
    /** DingTalk to-dos (待办) for the renewal, payment and invoice deadlines, one per admin, created `leadDays` before. */
    todo: z.object({ enabled: z.boolean(), leadDays: z.number().int().min(0).max(366) }).strict().default({ enabled: true, leadDays: 30 }),
    delivery: z
      .object({
        staleClaimMinutes: z.number().int().min(1).max(24 * 60),
        maxAttempts: z.number().int().min(1).max(50),
        retryBaseMinutes: z.number().positive(),
        retryMaxMinutes: z.number().positive(),
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!(r.sendTime >= r.quietHours.start && r.sendTime < r.quietHours.end)) {
      ctx.addIssue({ code: "custom", path: ["sendTime"], message: `${r.sendTime} is outside quiet hours ${r.quietHours.start}–${r.quietHours.end}; pick a time inside them` });
    }
  });

/** Parsed `settings.reminders`. */
export type RemindersSettings = z.infer<typeof RemindersSchema>;
