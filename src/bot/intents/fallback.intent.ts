import type { Intent } from "../bot-context.js";
import { bigramSimilarity } from "../fuzzy.js";
import { fallbackReply } from "../replies/system.reply.js";
import { compact, type Lang } from "../text-normalize.js";

const DEFAULTS: Record<Lang, string[]> = {
  zh: ["DING 还剩多少", "专业版什么时候到期", "不续费会怎样"],
  en: ["DING messages left", "when does Pro expire", "what happens if we don't renew"],
};

/** Intents never suggested: help is implied, and commands change state (a confused user should not be nudged to them). */
const NOT_SUGGESTED = new Set(["help", "confirm", "usage.record", "usage.undo", "renewal", "reminders"]);

/** The three example phrasings closest to `text` (character-bigram similarity), one per intent; defaults when none is close. */
export function suggest(text: string, intents: readonly Intent<unknown>[], lang: Lang, n = 3): string[] {
  const c = compact(text);
  const ranked = intents
    .map((i) => {
      const best = i.examples[lang]
        .map((e) => ({ e, score: bigramSimilarity(c, compact(e.toLowerCase())) }))
        .sort((a, b) => b.score - a.score)[0];
      return best ? { ...best, name: i.name } : null;
    })
    .filter((x): x is { e: string; score: number; name: string } => x !== null && x.score > 0 && !NOT_SUGGESTED.has(x.name))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.e);
  const out = [...ranked];
  for (const d of DEFAULTS[lang]) if (out.length < n && !out.includes(d)) out.push(d);
  return out.slice(0, n);
}

/** Anything else: short help with the three closest suggestions. Open to everyone (it shows no figures). */
export function fallbackIntent(intents: readonly Intent<unknown>[]): Intent<Record<string, never>> {
  return {
    name: "fallback",
    examples: { zh: [], en: [] },
    adminOnly: false,
    match: () => ({}),
    async handle(ctx) {
      await ctx.reply(fallbackReply(ctx.lang, suggest(ctx.text, intents, ctx.lang)));
    },
  };
}
