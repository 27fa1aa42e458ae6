/**
 * What an org loses if it does not renew, as dated facts with the clauses that say so. Pure: the bot, the page and
 * the reminders all describe the same facts (wording lives with each edge's presenter).
 */
import type { ContractTimeline } from "./contract-timeline.js";
import type { Clause, ClauseTag, IsoDate } from "./model.js";

/** Kinds of consequence, in the order they matter to an admin. */
export type ConsequenceKind = "no_refund" | "chat_history" | "drive_data" | "consumables_lapse";

/** A consumable that will lapse unused at the end of the term. */
export interface LapsingConsumable {
  metric: string;
  remaining: number;
  unit: string;
}

/** One consequence: when it happens, the figures, and the clauses to cite. */
export interface ConsequenceFact {
  kind: ConsequenceKind;
  date: IsoDate | null;
  /** Chat history: days kept; drive: GB used above the free space (null when unknown). */
  figures: Record<string, number | null>;
  lapsing?: LapsingConsumable[];
  clauses: Clause[];
}

/** Inputs: the timeline, what is left of each consumable, storage use, and the contract's clauses. */
export interface ConsequenceInput {
  timeline: Pick<ContractTimeline, "endsOn" | "chatHistory" | "driveDataRiskOn">;
  chatHistoryDays: number;
  storageUsedGb: number | null;
  freeStorageGb: number;
  consumables: LapsingConsumable[];
  clauses: Clause[];
}

const KEYWORDS: Record<ConsequenceKind, { tags: ClauseTag[]; words: RegExp }> = {
  no_refund: { tags: ["no_refund"], words: /不予退|不退|退款|退费/ },
  chat_history: { tags: ["data_retention"], words: /180\s*天|聊天(记录|内容)/ },
  drive_data: { tags: ["data_deletion"], words: /清除|删除|不可恢复/ },
  consumables_lapse: { tags: [], words: /作废|顺延|清零|失效/ },
};

/** Clauses supporting a consequence: tagged ones first, then keyword hits; at most `limit`. */
export function clausesFor(kind: ConsequenceKind, clauses: Clause[], limit = 3): Clause[] {
  const { tags, words } = KEYWORDS[kind];
  const tagged = clauses.filter((c) => c.tags.some((t) => tags.includes(t)) && words.test(c.text));
  const rest = clauses.filter((c) => !tagged.includes(c) && (c.tags.some((t) => tags.includes(t)) || words.test(c.text)));
  return [...tagged, ...rest].slice(0, limit);
}

/** The consequences of letting the contract end without renewal, dated by the timeline (empty without an end date). */
export function expiryConsequences(input: ConsequenceInput): ConsequenceFact[] {
  const { timeline } = input;
  if (!timeline.endsOn) return [];
  const overFree = input.storageUsedGb === null ? null : Math.max(0, Math.round((input.storageUsedGb - input.freeStorageGb) * 10) / 10);
  const facts: ConsequenceFact[] = [
    {
      kind: "chat_history",
      date: timeline.chatHistory?.fallbackOn ?? null,
      figures: { days: input.chatHistoryDays },
      clauses: clausesFor("chat_history", input.clauses),
    },
    {
      kind: "drive_data",
      date: timeline.driveDataRiskOn,
      figures: { usedGb: input.storageUsedGb, freeGb: input.freeStorageGb, atRiskGb: overFree },
      clauses: clausesFor("drive_data", input.clauses),
    },
  ];
  const lapsing = input.consumables.filter((c) => c.remaining > 0);
  if (lapsing.length) {
    facts.push({ kind: "consumables_lapse", date: timeline.endsOn, figures: {}, lapsing, clauses: clausesFor("consumables_lapse", input.clauses) });
  }
  const noRefund = clausesFor("no_refund", input.clauses);
  if (noRefund.length) facts.push({ kind: "no_refund", date: null, figures: {}, clauses: noRefund });
  return facts.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999"));
}
