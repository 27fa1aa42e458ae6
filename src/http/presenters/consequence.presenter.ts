import { formatQuantity, metricLabel, type Lang } from "../../domain/display-labels.js";
import type { ConsequenceFact } from "../../domain/expiry-consequences.js";
import type { Consequence } from "../../../mini-app/src/api-types.js";

/** Display language of server-built text. */
export type { Lang };

function title(f: ConsequenceFact, lang: Lang): string {
  const zh = { chat_history: "聊天记录回落", drive_data: "云盘数据可能被清除", consumables_lapse: "未用完的额度作废", no_refund: "不予退款" };
  const en = { chat_history: "Chat history falls back", drive_data: "Drive data may be cleared", consumables_lapse: "Unused allowances lapse", no_refund: "No refunds" };
  return (lang === "zh" ? zh : en)[f.kind];
}

function text(f: ConsequenceFact, lang: Lang): string {
  const n = (x: number | null | undefined) => (x ?? 0).toLocaleString("en-US");
  switch (f.kind) {
    case "chat_history":
      return lang === "zh" ? `到期不续费，聊天记录仅保留最近 ${f.figures.days} 天。` : `Without renewal only the last ${f.figures.days} days of chat history stay visible.`;
    case "drive_data":
      if (f.figures.atRiskGb == null) return lang === "zh" ? `超出免费空间（${n(f.figures.freeGb)} GB）的云盘数据可能被清除且不可恢复。` : `Drive data beyond the free ${n(f.figures.freeGb)} GB may be cleared irrecoverably.`;
      return lang === "zh"
        ? `已用 ${n(f.figures.usedGb)} GB，其中约 ${n(f.figures.atRiskGb)} GB 超出免费空间，可能被清除且不可恢复。`
        : `${n(f.figures.usedGb)} GB used; about ${n(f.figures.atRiskGb)} GB above the free space may be cleared irrecoverably.`;
    case "consumables_lapse": {
      const items = (f.lapsing ?? []).map((c) => (lang === "zh" ? `${metricLabel(c.metric, lang)} 剩 ${formatQuantity(c.remaining ?? 0, c.unit, lang, "down")}` : `${metricLabel(c.metric, lang)}: ${formatQuantity(c.remaining ?? 0, c.unit, lang, "down")}`));
      return lang === "zh" ? `${items.join("、")}，到期作废，不可顺延。` : `${items.join(", ")} left; they lapse at the end of the term and do not carry over.`;
    }
    case "no_refund":
      return lang === "zh" ? "已付费用不予退还，提前终止也不退款。" : "Fees paid are not refunded, even on early termination.";
  }
}

/** ConsequenceFact → the page's Consequence, in the requested language, with the quoted clauses. */
export function presentConsequence(f: ConsequenceFact, lang: Lang): Consequence {
  return { date: f.date, title: title(f, lang), text: text(f, lang), clauses: f.clauses.map((c) => ({ part: c.part, ref: c.ref, text: c.text })) };
}
