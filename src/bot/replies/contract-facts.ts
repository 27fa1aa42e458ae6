/** Small readers over a ContractOverview shared by several replies (product name, clause lookup, consumables). Pure. */
import { clausesFor, type ConsequenceKind } from "../../domain/expiry-consequences.js";
import type { Clause } from "../../domain/model.js";
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { Lang } from "../text-normalize.js";
import { escapeMarkdown } from "./format.js";

/** The product as people call it ("钉钉专业版" / "DingTalk Pro"). */
export function productName(o: ContractOverview, lang: Lang): string {
  const p = o.graph.contract.product ?? "钉钉专业版";
  if (lang === "en") return /专业版/.test(p) ? "DingTalk Pro" : escapeMarkdown(p);
  return escapeMarkdown(p);
}

/** Clauses supporting a consequence kind (at most `limit`). */
export function supporting(o: ContractOverview, kind: ConsequenceKind, limit = 2): Clause[] {
  return clausesFor(kind, o.clauses, limit);
}

/** The clause an extracted field came from (`sources["deadlines.invoice"] = "2.3"`), as a citable clause. */
export function sourceClause(o: ContractOverview, field: string): Pick<Clause, "part" | "ref">[] {
  const ref = o.graph.contract.source?.sources?.[field];
  if (!ref) return [];
  const found = o.clauses.find((c) => c.ref === ref);
  return [found ?? { part: "body", ref }];
}

/** True for a quota that is used up over time (not a cap). */
export function isConsumable(q: QuotaState): boolean {
  return q.term.period !== "none";
}

/** The quota of a metric, or undefined. */
export function quotaOf(o: ContractOverview, metric: string): QuotaState | undefined {
  return o.quotas.find((q) => q.metric === metric);
}
