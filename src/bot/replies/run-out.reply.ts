/**
 * "电话会议分钟用完了怎么办": where the allowance stands, when it comes back (next contract year, next month, never
 * within the term), and what can be done now — only what is true in general (top up or buy more in the DingTalk admin
 * console or through the vendor, at DingTalk's prices; clean up or expand the drive), citing the clauses that say so.
 * No prices are named. Pure.
 */
import { addDays } from "../../domain/business-calendar.js";
import { formatAmount, formatQuantity, metricLabel, type Lang } from "../../domain/display-labels.js";
import { perKindText } from "../../domain/per-kind-allowance.js";
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import { isConsumable, supporting } from "./contract-facts.js";
import { cite, escapeMarkdown, reply, t } from "./format.js";

function status(q: QuotaState, lang: Lang): string {
  const u = q.usage;
  const label = metricLabel(q.metric, lang);
  const unit = q.term.unit;
  if (q.perKind) return t(lang, `**${label}：${perKindText(q.perKind, lang)}，已用 ${formatQuantity(u.used ?? 0, unit, lang, "up")}**`, `**${label}: ${perKindText(q.perKind, lang)}, ${formatQuantity(u.used ?? 0, unit, lang, "up")} used**`);
  if (!isConsumable(q)) {
    return u.used === null
      ? t(lang, `**${label}：上限 ${formatQuantity(u.limit, unit, lang)}**`, `**${label}: limit ${formatQuantity(u.limit, unit, lang)}**`)
      : t(lang, `**${label}：已用 ${formatAmount(u.used, unit, "up")} / ${formatQuantity(u.limit, unit, lang)}**`, `**${label}: ${formatAmount(u.used, unit, "up")} / ${formatQuantity(u.limit, unit, lang)} used**`);
  }
  return t(lang, `**${label}：剩余 ${formatAmount(u.remaining ?? 0, unit, "down")} / ${formatQuantity(u.limit, unit, lang)}**`, `**${label}: ${formatAmount(u.remaining ?? 0, unit, "down")} / ${formatQuantity(u.limit, unit, lang)} left**`);
}

/** When the allowance is replenished, by its period (spec/contract-json.md "Quota periods"). */
function refill(q: QuotaState, o: ContractOverview, lang: Lang): string | null {
  const endsOn = o.timeline.endsOn;
  const next = q.window ? addDays(q.window.end, 1) : null;
  const within = next !== null && endsOn !== null && next <= endsOn;
  const renew = t(lang, "续约后以新合同写明的额度为准。", "After a renewal the new contract's figures apply.");
  switch (q.term.period) {
    case "year":
      return within ? t(lang, `这是每服务年的额度，${next} 起按新的服务年重新计算。`, `This is a per-contract-year allowance; a new contract year starts on ${next}.`) : t(lang, `本服务期于 ${endsOn} 结束，期内不再补充；`, `The term ends on ${endsOn}; nothing is added before then. `) + renew;
    case "month":
      return within ? t(lang, `这是每月的额度，${next} 起恢复。`, `This is a monthly allowance; it starts again on ${next}.`) : t(lang, `本服务期于 ${endsOn} 结束；`, `The term ends on ${endsOn}. `) + renew;
    case "term":
      return t(lang, "这是整个服务期的额度，期内不会补充；", "This allowance is for the whole term and is not topped up within it. ") + renew;
    case "none":
      return t(lang, "这是上限，不会随时间恢复或增加。", "This is a cap; it does not grow or refill over time.");
  }
}

function vendorOf(o: ContractOverview): string | null {
  const v = o.graph.contract.vendors[0];
  return v ? escapeMarkdown(v) : null;
}

/** What can be done now, by the kind of allowance. */
function actions(q: QuotaState | null, o: ContractOverview, lang: Lang): string[] {
  const vendor = vendorOf(o);
  const via = vendor ? t(lang, `或联系签约方（${vendor}）`, ` or ask the vendor (${vendor})`) : "";
  const prices = supporting(o, "prices_online", 1);
  const priceLine = t(lang, `费用以钉钉页面所载说明及订购时为准${cite(prices, lang)}，管家不提供报价。`, `Prices are as DingTalk's pages show when you order${cite(prices, lang)}; the steward quotes none.`);
  const metric = q?.metric ?? null;
  if (metric === "storage.capacity_gb") {
    const expand = supporting(o, "drive_expansion", 1);
    return [
      t(lang, `- 清理云盘中不再需要的文件；或在钉钉管理后台购买云盘扩容${via}${cite(expand, lang)}。`, `- Delete drive files you no longer need, or buy more drive space in the DingTalk admin console${via}${cite(expand, lang)}.`),
      priceLine,
    ];
  }
  if (metric === "api.calls" || metric === "connector.flows") {
    const limit = supporting(o, "api_limit", 1);
    return [
      limit.length
        ? t(lang, `- 按合同，超过规格限制后相关接口或连接将受限${cite(limit, lang)}。`, `- Per the contract, calls beyond the limit are restricted${cite(limit, lang)}.`)
        : t(lang, "- 合同未载明超出后如何处理。", "- The contract does not say what happens beyond the limit."),
      t(lang, "- 管家自己计量的调用在本月额度用完后会暂停，到下个月自动恢复。", "- The steward's own metered calls pause once the month's allowance is used up and resume next month."),
      t(lang, `- 需要更多调用量，可在钉钉管理后台或开发者后台了解扩容${via}。`, `- For more calls, look at the options in the DingTalk admin or developer console${via}.`),
    ];
  }
  if (q && !isConsumable(q)) {
    const beyond = supporting(o, "beyond_cap", 1);
    return [t(lang, `- 需要更高规格时，另行选购相应规格服务${cite(beyond, lang)}：在钉钉管理后台${via}。`, `- For more, buy a larger specification separately${cite(beyond, lang)}: in the DingTalk admin console${via}.`), priceLine];
  }
  const topUp = supporting(o, "top_up", 1);
  return [
    topUp.length
      ? t(lang, `- 按合同，消耗型服务需要继续使用时可续约或充值${cite(topUp, lang)}：在钉钉管理后台${via}。`, `- Per the contract, consumable services can be renewed or topped up${cite(topUp, lang)}: in the DingTalk admin console${via}.`)
      : t(lang, `- 可在钉钉管理后台充值或加购${via}。`, `- Top up or buy more in the DingTalk admin console${via}.`),
    priceLine,
  ];
}

/** The answer for `q` (null: the allowances in general). */
export function runOutReply(o: ContractOverview, q: QuotaState | null, lang: Lang): BotReply {
  const title = t(lang, "额度用完了怎么办", "When an allowance runs out");
  const head = q ? status(q, lang) : t(lang, "**额度用完时：**", "**When an allowance runs out:**");
  return reply(title, [
    head,
    q ? refill(q, o, lang) : null,
    t(lang, "**现在可以：**", "**What you can do now:**"),
    actions(q, o, lang).join("\n"),
    q ? t(lang, `录入最新用量后再问「${metricLabel(q.metric, lang)}还剩多少」可看最新余额。`, `Record the latest usage and ask "${metricLabel(q.metric, lang)} left" for the current balance.`) : t(lang, "问「所有额度」查看每项还剩多少。", "Ask \"all quotas\" to see what is left of each."),
  ]);
}
