import { normalizeText } from "../../../../src/bot/text-normalize.js";

/** What a matcher sees for a raw phrasing (the pipeline normalizes before matching). */
export const norm = (raw: string): string => normalizeText(raw);
