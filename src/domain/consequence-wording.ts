/**
 * The words for expiry consequences, in Chinese and English, for the page, the bot and the key dates alike. Each
 * sentence says only what its clause says (the clause's own scope, 不可恢复 only when it says so, its exceptions
 * kept); a fact no clause states says 「合同未载明」 and names where it comes from instead (DingTalk's published data
 * policy, the steward's `dataRetention` settings). Pure.
 */
import { formatQuantity, metricLabel, type Lang } from "./display-labels.js";
import type { ConsequenceFact, ConsequenceKind, LapsingConsumable } from "./expiry-consequences.js";
import { perKindText } from "./per-kind-allowance.js";

const NUM = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const n = (x: number | null | undefined) => NUM.format(x ?? 0);
const tr = (lang: Lang, zh: string, en: string) => (lang === "en" ? en : zh);

const TITLES: Record<ConsequenceKind, [string, string]> = {
  chat_history: ["聊天记录回落", "Chat history falls back"],
  drive_data: ["云盘数据可能被清除", "Drive data may be cleared"],
  consumables_lapse: ["未用完的额度不再有效", "Unused allowances lapse"],
  no_refund: ["不予退款", "No refunds"],
};

/** The short title of a consequence ("聊天记录回落" / "Chat history falls back"). */
export function consequenceTitle(kind: ConsequenceKind, lang: Lang): string {
  return TITLES[kind][lang === "en" ? 1 : 0];
}

/** The exceptions the cited clauses state: "例外：除双方另有约定外。" / " Exception: unless …." ("" for none). */
export function exceptionsText(f: Pick<ConsequenceFact, "exceptions">, lang: Lang): string {
  if (f.exceptions.length === 0) return "";
  if (lang === "en") return ` Exception${f.exceptions.length > 1 ? "s" : ""}: ${f.exceptions.map((e) => e.en).join("; ")}.`;
  return `例外：${f.exceptions.map((e) => e.zh).join("；")}。`;
}

/** One lapsing allowance: "DING 剩 640 条" / "DING messages: 640 messages"; per kind for "各N次" ones. */
export function lapsingItem(c: LapsingConsumable, lang: Lang): string {
  const label = metricLabel(c.metric, lang);
  if (c.perKind) {
    const used = c.used ? tr(lang, `，已用 ${formatQuantity(c.used, c.unit, lang, "up")}`, `, ${formatQuantity(c.used, c.unit, lang, "up")} used`) : "";
    return tr(lang, `${label}（${perKindText(c.perKind, lang)}${used}）`, `${label} (${perKindText(c.perKind, lang)}${used})`);
  }
  const left = formatQuantity(c.remaining ?? 0, c.unit, lang, "down");
  return tr(lang, `${label}${/[A-Za-z0-9]$/.test(label) ? " " : ""}剩 ${left}`, `${label}: ${left} left`);
}

function driveScope(f: ConsequenceFact, lang: Lang): string {
  if (f.says.allOrPart) return tr(lang, "云盘中存储的全部或部分数据", "all or part of the data stored in the drive");
  if (f.says.overFree) return tr(lang, "超出免费空间的云盘数据", "drive data above the free space");
  return tr(lang, "云盘中存储的数据", "data stored in the drive");
}

function driveFigures(f: ConsequenceFact, lang: Lang): string {
  const free = n(f.figures.freeGb);
  if (f.figures.usedGb == null) {
    return f.basis === "contract" ? tr(lang, `钉钉公布的免费空间为 ${free} GB（管家设置 dataRetention）。`, ` DingTalk's published free space is ${free} GB (the steward's dataRetention setting).`) : "";
  }
  return tr(lang,
    `目前已用 ${n(f.figures.usedGb)} GB，超出钉钉公布的免费空间（${free} GB，管家设置 dataRetention）${n(f.figures.atRiskGb)} GB。`,
    ` ${n(f.figures.usedGb)} GB used now, ${n(f.figures.atRiskGb)} GB above DingTalk's published free space of ${free} GB (the steward's dataRetention setting).`);
}

/** Options of {@link consequenceText}. */
export interface ConsequenceTextOptions {
  /** The term has already ended. */
  past?: boolean;
  /** Clause refs to put right after the claim ("（附件 2.4）"); the page quotes the clauses separately instead. */
  refs?: string;
}

/** The full sentence(s) of a consequence, backed by its clauses or saying 「合同未载明」 and where the fact comes from. */
export function consequenceText(f: ConsequenceFact, lang: Lang, o: ConsequenceTextOptions = {}): string {
  const refs = o.refs ?? "";
  const dot = tr(lang, "。", ".");
  const sep = tr(lang, "", " ");
  const exc = exceptionsText(f, lang);
  const contract = f.basis === "contract";
  switch (f.kind) {
    case "chat_history":
      return contract
        ? tr(lang, `到期不续费，聊天记录仅保留近 ${f.figures.days} 天${refs}。`, `Without renewal only the last ${f.figures.days} days of chat history are kept${refs}.`) + (exc ? sep + exc.trim() : "")
        : tr(lang,
          `合同未载明聊天记录的保留期。按钉钉公布的数据政策（管家设置 dataRetention），到期不续费后聊天记录仅保留近 ${f.figures.days} 天。`,
          `The contract does not say how long chat history is kept. Under DingTalk's published data policy (the steward's dataRetention setting), only the last ${f.figures.days} days are kept after the term ends without renewal.`);
    case "drive_data":
      return contract
        ? tr(lang,
          `到期不续费，${driveScope(f, lang)}可能被清除${f.says.irrecoverable ? "，且清除后不可恢复" : ""}${refs}。`,
          `Without renewal, ${driveScope(f, lang)} may be cleared${f.says.irrecoverable ? ", irrecoverably" : ""}${refs}.`) + (exc ? sep + exc.trim() : "") + driveFigures(f, lang)
        : tr(lang,
          `合同未载明云盘数据到期后如何处理。按钉钉公布的数据政策（管家设置 dataRetention），到期不续费后超出免费空间（${n(f.figures.freeGb)} GB）的云盘数据可能被清除。`,
          `The contract does not say what happens to drive data. Under DingTalk's published data policy (the steward's dataRetention setting), drive data above the free ${n(f.figures.freeGb)} GB may be cleared once the term ends without renewal.`) + driveFigures(f, lang);
    case "consumables_lapse": {
      const items = (f.lapsing ?? []).map((c) => lapsingItem(c, lang)).join(tr(lang, "、", "; "));
      if (!contract) return tr(lang, `${items}；合同未载明未用完的额度到期后是否作废。`, `${items}; the contract does not say whether unused allowances lapse.`);
      const carry = f.says.noCarryOver ? tr(lang, "，不可顺延", " and do not carry over") : "";
      const zhVerb = o.past ? "到期后已不再有效" : "到期后不再有效";
      const enVerb = o.past ? "were no longer valid once the term ended" : "are no longer valid once the term ends";
      return tr(lang, `${items}，${zhVerb}${carry}${refs}。`, `${items}; unused allowances ${enVerb}${carry}${refs}.`) + (exc ? sep + exc.trim() : "");
    }
    case "no_refund":
      return tr(lang, `已付费用不予退款${refs}`, `Fees paid are not refunded${refs}`) + dot + (exc ? sep + exc.trim() : "");
  }
}

/** The claim in a few words, for one-line summaries and key dates; the caller adds the refs of `f.clauses`. */
export function consequenceBrief(f: ConsequenceFact, lang: Lang): string {
  const policy = f.basis === "policy" ? tr(lang, "（合同未载明，依据钉钉公布的数据政策）", " (not in the contract; DingTalk's published data policy)") : "";
  switch (f.kind) {
    case "chat_history":
      return tr(lang, `聊天记录仅保留近 ${f.figures.days} 天`, `only the last ${f.figures.days} days of chat history are kept`) + policy;
    case "drive_data":
      if (f.basis === "policy") return tr(lang, "超出免费空间的云盘数据可能被清除", "drive data above the free space may be cleared") + policy;
      return tr(lang, `${driveScope(f, lang)}可能被清除${f.says.irrecoverable ? "且不可恢复" : ""}`, `${driveScope(f, lang)} may be cleared${f.says.irrecoverable ? " irrecoverably" : ""}`);
    case "consumables_lapse": {
      const labels = [...new Set((f.lapsing ?? []).map((c) => metricLabel(c.metric, lang)))].join(tr(lang, "、", ", "));
      if (f.basis === "policy") return tr(lang, `未用完的${labels}（合同未载明是否作废）`, `unused ${labels} (the contract does not say whether they lapse)`);
      return tr(lang, `未用完的${labels}到期后不再有效`, `unused ${labels} lapse at the end of the term`);
    }
    case "no_refund":
      return tr(lang, "已付费用不予退款", "fees paid are not refunded") + (f.exceptions.length ? tr(lang, `（${f.exceptions.map((e) => e.zh).join("；")}）`, ` (except ${f.exceptions.map((e) => e.en).join("; ")})`) : "");
  }
}
