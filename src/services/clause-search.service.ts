import { buildClauseIndex } from "../contract/index.js";
import type { Clause } from "../domain/model.js";

/** Ranked clause search (synonyms, Chinese word segmentation) over a contract's clauses, best first. */
export function searchClauses(clauses: Clause[], query: string, limit: number): Clause[] {
  return buildClauseIndex(clauses).search(query, limit).map((h) => h.clause);
}
