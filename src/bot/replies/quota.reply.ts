/** "DING 还剩多少" / "所有额度": remaining, used, limit, window, source, as-of, and the forecast. Pure. */
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { isConsumable, supporting } from "./contract-facts.js";
import { cite, clauseRefs, fmtAmount, fmtAsOf, fmtNum, fmtQty, reply, sourceLabel, t, unitLabel } from "./format.js";
import { metricLabel } from "../../domain/display-labels.js";

function windowLabel(q: QuotaState, lang: Lang): string {
  const w = q.window;
  if (!w) return "";
  if (q.term.period === "year") return t(lang, `（本服务年 ${w.start} 起）`, ` (contract year from ${w.start})`);
  if (q.term.period === "month") return t(lang, `（本月 ${w.start} → ${w.end}）`, ` (this month, ${w.start} → ${w.end})`);
  return t(lang, `（整个服务期 ${w.start} → ${w.end}）`, ` (whole term ${w.start} → ${w.end})`);
}

function provenance(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string | null {
  const u = q.usage;
  if (!u.asOf || !u.source) return null;
  return t(lang, `数据来源：${sourceLabel(u.source, lang)}，截至${fmtAsOf(u.asOf, o.today, tz, lang).replace(/^(?=\d)/, " ")}`, `Source: ${sourceLabel(u.source, lang)}, as of ${fmtAsOf(u.asOf, o.today, tz, lang)}`);
}

function consumableLines(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string[] {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const unit = q.term.unit;
  const out = [t(lang, `**${label}：剩余 ${fmtAmount(u.remaining ?? 0, unit, "down")} / ${fmtQty(u.limit, unit, lang)}**${windowLabel(q, lang)}`, `**${label}: ${fmtAmount(u.remaining ?? 0, unit, "down")} / ${fmtQty(u.limit, unit, lang)} left**${windowLabel(q, lang)}`)];
  const src = provenance(q, o, tz, lang);
  const sample = u.limit < 10 ? 1 : 10;
  out.push(src
    ? `${t(lang, `已用 ${fmtQty(u.used ?? 0, unit, lang, "up")}`, `${fmtQty(u.used ?? 0, unit, lang, "up")} used`)} · ${src}`
    : t(lang, `还没有用量记录。回复「${label}用了 ${sample} ${unitLabel(unit, lang)}」这样的消息即可录入。`, `No usage recorded yet. Reply e.g. "${label} used ${sample}" to record some.`));
  if (u.overLimit) out.push(t(lang, `⚠️ 已超出上限 ${fmtQty((u.used ?? 0) - u.limit, unit, lang)}。`, `⚠️ Over the limit by ${fmtQty((u.used ?? 0) - u.limit, unit, lang)}.`));
  const f = u.forecast;
  if (f?.exhaustsOn && !u.overLimit) {
    out.push(t(lang, `按目前用量，预计 ${f.exhaustsOn} 用完。`, `At the current rate it runs out on ${f.exhaustsOn}.`));
  } else if (f && u.asOf && (f.unusedAtWindowEnd ?? 0) >= 1 && q.window) {
    const lapse = fmtQty(f.unusedAtWindowEnd ?? 0, unit, lang, "down");
    const refs = clauseRefs(supporting(o, "consumables_lapse", 1), lang);
    const atEnd = q.window.end === o.timeline.endsOn;
    out.push(t(lang,
      `按目前用量，${atEnd ? "到期前" : `${q.window.end} 前`}用不完的约 ${lapse}将作废（不可顺延${refs ? `，${refs}` : ""}）。`,
      `At the current rate about ${lapse} will be unused by ${q.window.end} and lapse (no carry-over${refs ? `, ${refs}` : ""}).`));
  }
  return out;
}

function capLines(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string[] {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const unit = q.term.unit;
  if (u.used === null) {
    return [
      t(lang, `**${label}：上限 ${fmtQty(u.limit, unit, lang)}**`, `**${label}: limit ${fmtQty(u.limit, unit, lang)}**`),
      q.metric === "storage.capacity_gb"
        ? t(lang, "尚无用量数据。回复「云盘已用 300GB」这样的消息录入当前用量。", "No reading yet. Reply e.g. \"storage used 300 GB\" to record the current level.")
        : t(lang, "这是上限，不随使用消耗。", "This is a cap; it is not used up over time."),
    ];
  }
  const pct = u.percent === null ? null : fmtNum(u.percent);
  const out = [t(lang,
    `**${label}：已用 ${fmtAmount(u.used, unit, "up")} / ${fmtQty(u.limit, unit, lang)}${pct ? `（${pct}%）` : ""}**`,
    `**${label}: ${fmtAmount(u.used, unit, "up")} / ${fmtQty(u.limit, unit, lang)} used${pct ? ` (${pct}%)` : ""}**`)];
  const src = provenance(q, o, tz, lang);
  if (src) out.push(src);
  if (u.overLimit) out.push(t(lang, `⚠️ 已超出上限 ${fmtQty(u.used - u.limit, unit, lang)}。`, `⚠️ Over the limit by ${fmtQty(u.used - u.limit, unit, lang)}.`));
  else if (u.forecast?.exhaustsOn) out.push(t(lang, `按近 30 天增速，预计 ${u.forecast.exhaustsOn} 用满。`, `At the last 30 days' growth it fills up on ${u.forecast.exhaustsOn}.`));
  if (q.metric === "storage.capacity_gb" && o.status !== "renewed") {
    out.push(t(lang, `到期未续费时，超出免费空间的数据可能被清除${cite(supporting(o, "drive_data", 1), lang)}。`, `Without renewal, data above the free space may be deleted${cite(supporting(o, "drive_data", 1), lang)}.`));
  }
  return out;
}

/** One quota in detail. */
export function quotaReply(o: ContractOverview, q: QuotaState, lang: Lang, tz: string): BotReply {
  return reply(metricLabel(q.metric, lang), isConsumable(q) ? consumableLines(q, o, tz, lang) : capLines(q, o, tz, lang));
}

function summaryLine(q: QuotaState, lang: Lang): string {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const warn = (u.percent ?? 0) >= 80 ? "⚠️ " : "";
  if (isConsumable(q)) {
    const when = u.forecast?.exhaustsOn ? t(lang, `，预计 ${u.forecast.exhaustsOn} 用完`, `, runs out ${u.forecast.exhaustsOn}`) : "";
    return t(lang, `- ${warn}${label}：剩 ${fmtAmount(u.remaining ?? 0, q.term.unit, "down")} / ${fmtQty(u.limit, q.term.unit, lang)}${when}`, `- ${warn}${label}: ${fmtAmount(u.remaining ?? 0, q.term.unit, "down")} / ${fmtQty(u.limit, q.term.unit, lang)} left${when}`);
  }
  return t(lang, `- ${warn}${label}：已用 ${fmtAmount(u.used ?? 0, q.term.unit, "up")} / ${fmtQty(u.limit, q.term.unit, lang)}`, `- ${warn}${label}: ${fmtAmount(u.used ?? 0, q.term.unit, "up")} / ${fmtQty(u.limit, q.term.unit, lang)} used`);
}

/** Every quota: consumables and caps with readings one line each, the other caps on one line. */
export function allQuotasReply(o: ContractOverview, lang: Lang): BotReply {
  const title = t(lang, "全部额度", "All quotas");
  if (o.quotas.length === 0) return reply(title, [t(lang, "合同里没有识别到带数量的额度。", "No quotas with limits were found in the contract.")]);
  const tracked = o.quotas.filter((q) => isConsumable(q) || q.usage.used !== null);
  const caps = o.quotas.filter((q) => !isConsumable(q) && q.usage.used === null);
  const capLine = caps.length
    ? t(lang, "其他上限：", "Other limits: ") + caps.map((q) => `${metricLabel(q.metric, lang)} ${fmtQty(q.usage.limit, q.term.unit, lang)}`).join(t(lang, "、", ", "))
    : null;
  return reply(title, [
    t(lang, `**额度概览（${o.today}）**`, `**Quotas as of ${o.today}**`),
    tracked.map((q) => summaryLine(q, lang)).join("\n"),
    capLine,
    t(lang, "问「电话会议还剩多少」看单项详情。", "Ask e.g. \"phone conference left\" for details."),
  ]);
}
