/** "DING 还剩多少" / "所有额度": remaining, used, limit, window, source, as-of, and the forecast, citing the annex row. Pure. */
import { businessDate } from "../../domain/business-calendar.js";
import { consequenceBrief } from "../../domain/consequence-wording.js";
import { metricLabel, staleDays, staleNote } from "../../domain/display-labels.js";
import { perKindText } from "../../domain/per-kind-allowance.js";
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { annexRow, isConsumable, supporting } from "./contract-facts.js";
import { cite, clauseRefs, fmtAmount, fmtAsOf, fmtNum, fmtQty, reply, sourceLabel, t, unitLabel } from "./format.js";

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

/** Where the limit is written: "依据：附件 1.2「电话会议」：6000分钟/年" / "Limit per Annex 1.2, Phone conferencing row" (null when unknown). */
export function rowLine(o: ContractOverview, code: string | null, lang: Lang): string | null {
  const row = annexRow(o, code, lang);
  return row ? t(lang, `依据：${row}`, `Limit per ${row}`) : null;
}

/** "以下为 N 天前的记录" when the latest figure is more than a month old, else null. */
export function staleLine(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string | null {
  const days = q.usage.asOf ? staleDays(businessDate(q.usage.asOf, tz), o.today) : null;
  return days === null ? null : `⚠️ ${staleNote(days, lang)}`;
}

/** What the forecast says will be unused at the window end, and what the contract says about it. */
function lapseLine(q: QuotaState, o: ContractOverview, lang: Lang): string | null {
  const f = q.usage.forecast;
  if (!f || !q.usage.asOf || (f.unusedAtWindowEnd ?? 0) < 1 || !q.window || q.perKind) return null;
  const left = fmtQty(f.unusedAtWindowEnd ?? 0, q.term.unit, lang, "down");
  const atEnd = q.window.end === o.timeline.endsOn;
  const backing = supporting(o, "consumables_lapse", 1);
  if (!atEnd) {
    return t(lang,
      `按目前用量，${q.window.end} 前约 ${left}用不完；合同未载明每服务年未用完的额度能否结转到下一年。`,
      `At the current rate about ${left} will be unused by ${q.window.end}; the contract does not say whether a contract year's unused allowance carries over.`);
  }
  if (backing.length === 0) {
    return t(lang, `按目前用量，到期前约 ${left}用不完；合同未载明未用完的额度到期后是否作废。`, `At the current rate about ${left} will be unused by the end of the term; the contract does not say whether it lapses.`);
  }
  const carry = /顺延/.test(backing[0]!.text);
  const refs = clauseRefs(backing, lang);
  return t(lang,
    `按目前用量，到期前用不完的约 ${left}将不再有效（${carry ? "不可顺延，" : ""}${refs}）。`,
    `At the current rate about ${left} will be unused by ${q.window.end} and lapse (${carry ? "no carry-over, " : ""}${refs}).`);
}

function consumableLines(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string[] {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const unit = q.term.unit;
  const out: string[] = [];
  const stale = staleLine(q, o, tz, lang);
  if (stale) out.push(stale);
  if (q.perKind) {
    out.push(t(lang, `**${label}：${perKindText(q.perKind, lang)}**${windowLabel(q, lang)}`, `**${label}: ${perKindText(q.perKind, lang)}**${windowLabel(q, lang)}`));
  } else {
    out.push(t(lang, `**${label}：剩余 ${fmtAmount(u.remaining ?? 0, unit, "down")} / ${fmtQty(u.limit, unit, lang)}**${windowLabel(q, lang)}`, `**${label}: ${fmtAmount(u.remaining ?? 0, unit, "down")} / ${fmtQty(u.limit, unit, lang)} left**${windowLabel(q, lang)}`));
  }
  const row = rowLine(o, q.entitlementCode, lang);
  if (row) out.push(row);
  const src = provenance(q, o, tz, lang);
  const sample = u.limit < 10 ? 1 : 10;
  out.push(src
    ? `${t(lang, `已用 ${fmtQty(u.used ?? 0, unit, lang, "up")}`, `${fmtQty(u.used ?? 0, unit, lang, "up")} used`)} · ${src}`
    : t(lang, `还没有用量记录。回复「${label}用了 ${sample} ${unitLabel(unit, lang)}」这样的消息即可录入。`, `No usage recorded yet. Reply e.g. "${label} used ${sample}" to record some.`));
  if (u.overLimit) out.push(t(lang, `⚠️ 已超出上限 ${fmtQty((u.used ?? 0) - u.limit, unit, lang)}。`, `⚠️ Over the limit by ${fmtQty((u.used ?? 0) - u.limit, unit, lang)}.`));
  const f = u.forecast;
  if (f?.exhaustsOn && !u.overLimit && !q.perKind) out.push(t(lang, `按目前用量，预计 ${f.exhaustsOn} 用完。`, `At the current rate it runs out on ${f.exhaustsOn}.`));
  else {
    const lapse = lapseLine(q, o, lang);
    if (lapse) out.push(lapse);
  }
  return out;
}

function driveLine(o: ContractOverview, lang: Lang): string | null {
  const f = o.consequences.find((c) => c.kind === "drive_data");
  if (!f || o.status === "renewed") return null;
  return t(lang, `到期未续费时，${consequenceBrief(f, lang)}${cite(f.clauses, lang)}。`, `Without renewal, ${consequenceBrief(f, lang)}${cite(f.clauses, lang)}.`);
}

function capLines(q: QuotaState, o: ContractOverview, tz: string, lang: Lang): string[] {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const unit = q.term.unit;
  const row = rowLine(o, q.entitlementCode, lang);
  if (u.used === null) {
    return [
      t(lang, `**${label}：上限 ${fmtQty(u.limit, unit, lang)}**`, `**${label}: limit ${fmtQty(u.limit, unit, lang)}**`),
      row ?? "",
      q.metric === "storage.capacity_gb"
        ? t(lang, "尚无用量数据。回复「云盘已用 300GB」这样的消息录入当前用量。", "No reading yet. Reply e.g. \"storage used 300 GB\" to record the current level.")
        : t(lang, "这是上限，不随使用消耗。", "This is a cap; it is not used up over time."),
    ];
  }
  const pct = u.percent === null ? null : fmtNum(u.percent);
  const out: string[] = [];
  const stale = staleLine(q, o, tz, lang);
  if (stale) out.push(stale);
  out.push(t(lang,
    `**${label}：已用 ${fmtAmount(u.used, unit, "up")} / ${fmtQty(u.limit, unit, lang)}${pct ? `（${pct}%）` : ""}**`,
    `**${label}: ${fmtAmount(u.used, unit, "up")} / ${fmtQty(u.limit, unit, lang)} used${pct ? ` (${pct}%)` : ""}**`));
  if (row) out.push(row);
  const src = provenance(q, o, tz, lang);
  if (src) out.push(src);
  if (u.overLimit) out.push(t(lang, `⚠️ 已超出上限 ${fmtQty(u.used - u.limit, unit, lang)}。`, `⚠️ Over the limit by ${fmtQty(u.used - u.limit, unit, lang)}.`));
  else if (u.forecast?.exhaustsOn) out.push(t(lang, `按近 30 天增速，预计 ${u.forecast.exhaustsOn} 用满。`, `At the last 30 days' growth it fills up on ${u.forecast.exhaustsOn}.`));
  if (q.metric === "storage.capacity_gb") {
    const drive = driveLine(o, lang);
    if (drive) out.push(drive);
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
  const warn = (u.percent ?? 0) >= 80 && !q.perKind ? "⚠️ " : "";
  if (q.perKind) {
    const used = u.used ? t(lang, `（已用 ${fmtQty(u.used, q.term.unit, lang, "up")}）`, ` (${fmtQty(u.used, q.term.unit, lang, "up")} used)`) : "";
    return t(lang, `- ${label}：${perKindText(q.perKind, lang)}${used}`, `- ${label}: ${perKindText(q.perKind, lang)}${used}`);
  }
  if (isConsumable(q)) {
    const when = u.forecast?.exhaustsOn ? t(lang, `，预计 ${u.forecast.exhaustsOn} 用完`, `, runs out ${u.forecast.exhaustsOn}`) : "";
    return t(lang, `- ${warn}${label}：剩 ${fmtAmount(u.remaining ?? 0, q.term.unit, "down")} / ${fmtQty(u.limit, q.term.unit, lang)}${when}`, `- ${warn}${label}: ${fmtAmount(u.remaining ?? 0, q.term.unit, "down")} / ${fmtQty(u.limit, q.term.unit, lang)} left${when}`);
  }
  return t(lang, `- ${warn}${label}：已用 ${fmtAmount(u.used ?? 0, q.term.unit, "up")} / ${fmtQty(u.limit, q.term.unit, lang)}`, `- ${warn}${label}: ${fmtAmount(u.used ?? 0, q.term.unit, "up")} / ${fmtQty(u.limit, q.term.unit, lang)} used`);
}

/** Every quota: consumables and caps with readings one line each, the other caps on one line; the annex cited once. */
export function allQuotasReply(o: ContractOverview, lang: Lang): BotReply {
  const title = t(lang, "全部额度", "All quotas");
  if (o.quotas.length === 0) return reply(title, [t(lang, "合同里没有识别到带数量的额度。", "No quotas with limits were found in the contract.")]);
  const tracked = o.quotas.filter((q) => isConsumable(q) || q.usage.used !== null);
  const caps = o.quotas.filter((q) => !isConsumable(q) && q.usage.used === null);
  const capLine = caps.length
    ? t(lang, "其他上限：", "Other limits: ") + caps.map((q) => `${metricLabel(q.metric, lang)} ${fmtQty(q.usage.limit, q.term.unit, lang)}`).join(t(lang, "、", ", "))
    : null;
  const annex = o.graph.contract.source?.sources?.entitlements;
  return reply(title, [
    t(lang, `**额度概览（${o.today}）**`, `**Quotas as of ${o.today}**`),
    tracked.map((q) => summaryLine(q, lang)).join("\n"),
    capLine,
    annex ? t(lang, `限额均取自合同${/^附件/.test(annex) ? annex : `附件 ${annex}`}的产品表。`, "Limits are taken from the contract's annex product table.") : null,
    t(lang, "问「电话会议还剩多少」看单项详情。", "Ask e.g. \"phone conference left\" for details."),
  ]);
}
