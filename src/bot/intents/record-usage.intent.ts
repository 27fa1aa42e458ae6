import { parseQuantityNumber } from "../../domain/chinese-quantity.js";
import { isAppError } from "../../lib/app-error.js";
import type { BotContext, Intent } from "../bot-context.js";
import { overLimitConfirmReply } from "../replies/confirmation.reply.js";
import { recordedReply, usageRefusedReply, type UsageRefusal } from "../replies/usage.reply.js";
import { actorOf, displayName, loadOverview } from "./intent-kit.js";
import { findMetric, metricForUnit } from "./metric-words.js";

/** A figure the bot refuses before asking the service: scientific notation, or digits it cannot read safely ("1,5"). */
export type UsageParseProblem = "scientific" | "format";

/** What to record: an amount of a metric, as consumption (`delta`), a level (`reading`), or decided by the quota. */
export interface UsageParams {
  metric: string;
  /** Exactly as written (negative when the text says so); the service refuses what may not be stored. */
  amount: number;
  mode: "delta" | "reading" | "auto";
  note: string;
  /** Set when the figure is unreadable; the handler refuses it and nothing is recorded. */
  problem?: UsageParseProblem;
  /** The figure as typed, for the refusal message. */
  written: string;
}

const QUESTION = /多少|几[次条个天分]|吗|呢|\?|how (much|many)|what|when|is there/;
const NOT_USAGE = /第\s*[\d零一二两三四五六七八九十百千]|条款|clause|§|\d{4}-\d{1,2}-\d{1,2}/;
const QTY = /(?:(?<![\d.,])([-−]|负\s?))?(\d(?:[\d,.]*\d)?|[零一二两三四五六七八九十百千]+)\s*(万|千|亿|k|w)?\s*(条|分钟|mins?|minutes?|小时|hours?|h|gb|g|tb|t|次|times?|calls?|uses?|messages?|个|人|台|张)?(?![a-z])/g;
const SCIENTIFIC = /\d(?:\.\d+)?\s?e\s?[+-]?\d/;
const WELL_FORMED = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DELTA = /用了|使用了?|消耗了?|用掉了?|用去|花了|发了|打了|开了|调用了?|耗费|记录|记一下|\+|used|spent|consumed|sent|record|log|add/;
const READING = /已用|已经用了|累计|总共|一共|目前|当前|现在|共用|总用量|读数|now at|in total|so far|currently/;

function multiplier(m: string | undefined): number {
  return m === "万" || m === "w" ? 1e4 : m === "亿" ? 1e8 : m === "千" || m === "k" ? 1e3 : 1;
}

function toMetricUnit(metric: string, amount: number, unit: string | null): number {
  if (metric === "phone_conference.minutes" && unit && /^(小时|hours?|h)$/.test(unit)) return amount * 60;
  if (metric === "storage.capacity_gb" && unit && /^(tb|t)$/.test(unit)) return amount * 1024;
  return amount;
}

/** Drops binary floating-point noise (1.1 × 1024 = 1126.4000000000001) without rounding real fractions away. */
function exact(n: number): number {
  return Number(n.toPrecision(15));
}

/**
 * Parses 「DING 用了 30 条」「电话会议用了 120 分钟」「云盘已用 300GB」「数据恢复用了 1 次」「API调用 12万次」: a metric (named, or
 * implied by the unit), a number (Arabic or Chinese, 万/千 allowed, a sign kept), and a usage verb or a unit. Questions
 * are not usage. Scientific notation (1e9) and malformed digit groups (1,5) are recognised as usage but marked as a
 * `problem`, so they are refused instead of being misread as another figure.
 */
export function parseUsage(text: string): UsageParams | null {
  if (QUESTION.test(text) || NOT_USAGE.test(text)) return null;
  const found = [...text.matchAll(QTY)].map((m) => ({ sign: m[1], n: m[2], mult: m[3], unit: m[4] ?? null, raw: m[0].trim() }));
  const q = found.find((f) => f.unit) ?? found[0];
  if (!q) return null;
  const digits = /^\d/.test(q.n);
  const problem: UsageParseProblem | undefined = SCIENTIFIC.test(text) ? "scientific" : digits && !WELL_FORMED.test(q.n) ? "format" : undefined;
  const base = digits ? Number(q.n.replace(/,/g, "")) : parseQuantityNumber(q.n);
  if (!problem && (base === null || !Number.isFinite(base))) return null;
  const metric = findMetric(text.replace(QTY, " ")) ?? metricForUnit(q.unit);
  const delta = DELTA.test(text);
  const reading = READING.test(text);
  if (!metric || !(delta || reading || q.unit)) return null;
  const signed = (q.sign ? -1 : 1) * (base ?? Number.NaN) * multiplier(q.mult);
  const amount = exact(toMetricUnit(metric, signed, q.unit));
  const mode = reading ? "reading" : delta ? "delta" : "auto";
  return { metric, amount, mode, note: text.slice(0, 200), written: q.raw, ...(problem ? { problem } : {}) };
}

/** The refusal behind an AppError from recordUsage, when it is about the figure (its `details.subject`). */
function refusalOf(err: unknown): UsageRefusal | null {
  if (!isAppError(err) || err.code !== "invalid_input") return null;
  const s = err.details?.subject;
  return s === "usage.negative" || s === "usage.zero" || s === "usage.fraction" || s === "usage.too_large" || s === "usage.not_finite"
    ? (s.slice("usage.".length) as UsageRefusal)
    : null;
}

async function record(ctx: BotContext, p: UsageParams): Promise<void> {
  const o = await loadOverview(ctx);
  const quota = o.quotas.find((q) => q.metric === p.metric);
  const kind = quota?.term.period === "none" || p.mode === "reading" ? "reading" : "delta";
  const input = {
    contractId: o.graph.contract.id, metric: p.metric, amount: p.amount, kind, source: "bot", actor: actorOf(ctx), note: ctx.rawText.slice(0, 500),
  } as const;
  const refusal = { metric: p.metric, amount: p.amount, written: p.written, unit: quota?.term.unit ?? null };
  let change;
  try {
    change = await ctx.deps.services.recordUsage(input);
  } catch (err) {
    const reason = refusalOf(err);
    if (reason) return ctx.reply(usageRefusedReply(reason, refusal, ctx.lang));
    if (!isAppError(err) || err.code !== "confirmation_required" || !quota) throw err;
    const { expiresAt } = await ctx.deps.services.requestConfirmation({
      actor: actorOf(ctx), conversationId: ctx.conversation.id, orgId: o.graph.org.id, action: { kind: "usage", input },
    });
    return ctx.reply(overLimitConfirmReply({ quota, amount: p.amount, expiresAt, tz: ctx.deps.config.timezone }, ctx.lang));
  }
  await ctx.reply(recordedReply({
    quota: change.quota, amount: p.amount, kind, flagged: change.flagged, actorName: displayName(ctx), at: ctx.deps.clock.now(), tz: ctx.deps.config.timezone,
  }, ctx.lang));
}

/**
 * Records usage (admins, 1:1 or admin group): appends to the ledger with source "bot" and answers with what is left.
 * A refused figure (negative, zero, a fraction of a whole-number unit, 1e9, 1,5) is explained and nothing is stored;
 * a figure more than 2× the limit waits for 「确认录入」.
 */
export const recordUsageIntent: Intent<UsageParams> = {
  name: "usage.record",
  examples: { zh: ["DING 用了 30 条", "电话会议用了 120 分钟", "云盘已用 300GB", "API调用 12万次"], en: ["phone conference used 90 minutes", "storage used 300 GB"] },
  writes: true,
  match: parseUsage,
  async handle(ctx, p) {
    if (p.problem) return ctx.reply(usageRefusedReply(p.problem, { metric: p.metric, amount: p.amount, written: p.written, unit: null }, ctx.lang));
    await record(ctx, p);
  },
};
