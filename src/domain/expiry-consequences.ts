/**
 * What an org loses if it does not renew, as dated facts with the clauses that say so. A clause is cited only when
 * its text says the thing (clause-claims.ts); a fact no clause states is marked as coming from DingTalk's published
 * data policy (the `dataRetention` settings) and cites nothing. Pure: the bot, the page and the reminders all
 * describe the same facts, in the words of consequence-wording.ts.
 */
import { clauseExceptions, clausesSaying, type ClaimKind, type ClauseException } from "./clause-claims.js";
import type { ContractTimeline } from "./contract-timeline.js";
import type { Clause, IsoDate } from "./model.js";
import type { PerKindAllowance } from "./per-kind-allowance.js";

/** Kinds of consequence, in the order they matter to an admin. */
export type ConsequenceKind = Extract<ClaimKind, "no_refund" | "chat_history" | "drive_data" | "consumables_lapse">;

/** Where a consequence comes from: a clause of this contract, or DingTalk's published data policy (settings). */
export type ConsequenceBasis = "contract" | "policy";

/** A consumable that will lapse unused at the end of the term. */
export interface LapsingConsumable {
  metric: string;
  remaining: number;
  unit: string;
  /** "各N次": N for each kind the row names (then `remaining` is over all kinds, and `used` says how many went). */
  perKind?: PerKindAllowance | null;
  used?: number | null;
}

/** One consequence: when it happens, the figures, and the clauses to cite. */
export interface ConsequenceFact {
  kind: ConsequenceKind;
  date: IsoDate | null;
  /** Chat history: days kept; drive: GB used above the free space (null when unknown). */
  figures: Record<string, number | null>;
  lapsing?: LapsingConsumable[];
  /** Clauses whose text says it (empty when none does). */
  clauses: Clause[];
  /** "contract" when a clause says it, else "policy" (DingTalk's published data policy, `dataRetention`). */
  basis: ConsequenceBasis;
  /** Exceptions the cited clauses state, kept in every summary. */
  exceptions: ClauseException[];
  /** Words of the cited clause that shape the claim: it says 不可恢复, 全部或部分, 超出…, 顺延. */
  says: { irrecoverable: boolean; allOrPart: boolean; overFree: boolean; noCarryOver: boolean };
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

/** Clauses that say a consequence (their text holds the claim's key terms; tagged ones first); at most `limit`. */
export function clausesFor(kind: ConsequenceKind, clauses: readonly Clause[], limit = 3): Clause[] {
  return clausesSaying(kind, clauses, limit);
}

/** Days of chat history a clause names ("近180天"), or null. */
function clauseDays(clauses: Clause[]): number | null {
  for (const c of clauses) {
    const m = /(\d+)\s*天/.exec(c.text.replace(/\s+/g, ""));
    if (m) return Number(m[1]);
  }
  return null;
}

/** The clauses that say a consequence, where it comes from, their exceptions and the words that shape the claim. */
export function consequenceBacking(kind: ConsequenceKind, all: Clause[]): Pick<ConsequenceFact, "clauses" | "basis" | "exceptions" | "says"> {
  const clauses = clausesFor(kind, all);
  const text = clauses.map((c) => c.text).join("\n");
  const seen = new Set<string>();
  const exceptions = clauses.flatMap(clauseExceptions).filter((e) => !seen.has(e.zh) && seen.add(e.zh));
  return {
    clauses, basis: clauses.length ? "contract" : "policy", exceptions,
    says: { irrecoverable: /不可恢复|无法恢复/.test(text), allOrPart: /全部或部分/.test(text), overFree: /超出/.test(text), noCarryOver: /顺延/.test(text) },
  };
}

/** The consequences of letting the contract end without renewal, dated by the timeline (empty without an end date). */
export function expiryConsequences(input: ConsequenceInput): ConsequenceFact[] {
  const { timeline } = input;
  if (!timeline.endsOn) return [];
  const overFree = input.storageUsedGb === null ? null : Math.max(0, Math.round((input.storageUsedGb - input.freeStorageGb) * 10) / 10);
  const facts: ConsequenceFact[] = [
    (() => {
      const b = consequenceBacking("chat_history", input.clauses);
      return { kind: "chat_history" as const, date: timeline.chatHistory?.fallbackOn ?? null, figures: { days: clauseDays(b.clauses) ?? input.chatHistoryDays }, ...b };
    })(),
    {
      kind: "drive_data",
      date: timeline.driveDataRiskOn,
      figures: { usedGb: input.storageUsedGb, freeGb: input.freeStorageGb, atRiskGb: overFree },
      ...consequenceBacking("drive_data", input.clauses),
    },
  ];
  const lapsing = input.consumables.filter((c) => c.remaining > 0);
  if (lapsing.length) facts.push({ kind: "consumables_lapse", date: timeline.endsOn, figures: {}, lapsing, ...consequenceBacking("consumables_lapse", input.clauses) });
  const noRefund = consequenceBacking("no_refund", input.clauses);
  if (noRefund.clauses.length) facts.push({ kind: "no_refund", date: null, figures: {}, ...noRefund });
  return facts.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999"));
}
