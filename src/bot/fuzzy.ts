/** Small fuzzy-matching helpers for the intent matchers and the fallback suggestions. Pure. */

/** Edit distance with adjacent transpositions (optimal string alignment): "qouta" → "quota" is 1. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[m][n];
}

/** Typos tolerated in an English word of this length: none up to 4 letters, 1 up to 7, then 2. */
export function allowedTypos(length: number): number {
  return length <= 4 ? 0 : length <= 7 ? 1 : 2;
}

/** English words of a text, lower case. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** True when some word of `text` is one of `keywords`, allowing {@link allowedTypos} typos per keyword. */
export function hasWord(text: string, keywords: readonly string[]): boolean {
  const ws = words(text);
  return keywords.some((k) => ws.some((w) => w === k || (Math.abs(w.length - k.length) <= allowedTypos(k.length) && editDistance(w, k) <= allowedTypos(k.length))));
}

/** Character bigrams of a string (a one-character string is its own bigram). */
export function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Dice similarity of the character bigrams of two strings, 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const c = pool.get(g) ?? 0;
    if (c > 0) {
      shared++;
      pool.set(g, c - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}
