import { parseQuantityNumber } from "../../domain/chinese-quantity.js";
import type { Intent } from "../bot-context.js";
import { recordedReply } from "../replies/usage.reply.js";
import { actorOf, displayName, loadOverview } from "./intent-kit.js";
import { findMetric, metricForUnit } from "./metric-words.js";

/** What to record: an amount of a metric, as consumption (`delta`), a level (`reading`), or decided by the quota. */
export interface UsageParams {
  metric: string;
  amount: number;
  mode: "delta" | "reading" | "auto";
  note: string;
}

const QUESTION = /多少|几[次条个天分]|吗|呢|\?|how (much|many)|what|when|is there/;
const NOT_USAGE = /第\s*\d|条款|clause|§|\d{4}-\d{1,2}-\d{1,2}/;
const QTY = /(\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s*(万|千|亿|k|w)?\s*(条|分钟|mins?|minutes?|小时|hours?|h|gb|g|tb|t|次|times?|calls?|uses?|messages?|个|人|台|张)?(?![a-z])/g;
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

/**
 * Parses 「DING 用了 30 条」「电话会议用了 120 分钟」「云盘已用 300GB」「数据恢复用了 1 次」「API调用 12万次」: a metric (named, or
 * implied by the unit), a number (Arabic or Chinese, 万/千 allowed), and a usage verb or a unit. Questions are not usage.
 */
export function parseUsage(text: string): UsageParams | null {
  if (QUESTION.test(text) || NOT_USAGE.test(text)) return null;
  const found = [...text.matchAll(QTY)].map((m) => ({ n: m[1], mult: m[2], unit: m[3] ?? null }));
  const q = found.find((f) => f.unit) ?? found[0];
  if (!q) return null;
  const base = /^\d/.test(q.n) ? Number(q.n.replace(/,/g, "")) : parseQuantityNumber(q.n);
  if (base === null || !Number.isFinite(base)) return null;
  const metric = findMetric(text.replace(QTY, " ")) ?? metricForUnit(q.unit);
  const delta = DELTA.test(text);
  const reading = READING.test(text);
  if (!metric || !(delta || reading || q.unit)) return null;
  const amount = toMetricUnit(metric, Math.round(base * multiplier(q.mult) * 1000) / 1000, q.unit);
  return { metric, amount, mode: reading ? "reading" : delta ? "delta" : "auto", note: text.slice(0, 200) };
}

/** Records usage (admins): appends to the ledger with source "bot" and answers with what is left. */
export const recordUsageIntent: Intent<UsageParams> = {
  name: "usage.record",
  examples: { zh: ["DING 用了 30 条", "电话会议用了 120 分钟", "云盘已用 300GB", "API调用 12万次"], en: ["phone conference used 90 minutes", "storage used 300 GB"] },
  match: parseUsage,
  async handle(ctx, p) {
    const o = await loadOverview(ctx);
    const quota = o.quotas.find((q) => q.metric === p.metric);
    const kind = quota?.term.period === "none" || p.mode === "reading" ? "reading" : "delta";
    const change = await ctx.deps.services.recordUsage({
      contractId: o.graph.contract.id, metric: p.metric, amount: p.amount, kind, source: "bot", actor: actorOf(ctx), note: ctx.rawText.slice(0, 500),
    });
    await ctx.reply(recordedReply({
      quota: change.quota, amount: p.amount, kind, flagged: change.flagged, actorName: displayName(ctx), at: ctx.deps.clock.now(), tz: ctx.deps.config.timezone,
    }, ctx.lang));
  },
};
