import type { Lang } from "../../domain/display-labels.js";
import { consequenceText, consequenceTitle } from "../../domain/consequence-wording.js";
import type { ConsequenceFact } from "../../domain/expiry-consequences.js";
import type { Consequence } from "../../../mini-app/src/api-types.js";

/** Display language of server-built text. */
export type { Lang };

/**
 * ConsequenceFact → the page's Consequence, in the requested language, in the shared words (consequence-wording.ts)
 * and with the clauses that say it quoted (none when the fact comes from DingTalk's published policy).
 */
export function presentConsequence(f: ConsequenceFact, lang: Lang, today?: string): Consequence {
  const past = today !== undefined && f.date !== null && f.date < today;
  return { date: f.date, title: consequenceTitle(f.kind, lang), text: consequenceText(f, lang, { past }), clauses: f.clauses.map((c) => ({ part: c.part, ref: c.ref, text: c.text })) };
}
