/**
 * Text clean-up before parsing: one line-ending style, half-width digits and letters, ordinary spaces, no page
 * numbers or repeated page headers/footers. Chinese punctuation is kept (party names keep their brackets).
 * Every pattern here is linear on hostile text: no two adjacent quantifiers can take the same characters, and
 * nothing anchored at the end of a line is searched from every position.
 */

const PAGE_NOISE = [
  /^第\s*\d+\s*页(?:\s*(?:[,，/、]\s*)?共\s*\d+\s*页)?$/u,
  /^共\s*\d+\s*页\s*(?:[,，]\s*)?第\s*\d+\s*页$/u,
  /^[-—–]\s*\d+\s*[-—–]$/u,
  /^\d{1,3}\s*\/\s*\d{1,3}$/u,
  /^page\s+\d+(?:\s*(?:of|\/)\s*\d+)?$/iu,
];

/** Every PAGE_NOISE pattern starts with one of these characters (a cheap test before the five patterns). */
const PAGE_NOISE_START = /^[第共\-—–\dp]/iu;

/** Full-width characters converted even outside digits/letters (they only ever mean the ASCII ones here). */
const EXTRA_HALF_WIDTH = new Set(["％", "．", "／", "＊", "＋", "＠", "＃"]);

/** Converts full-width digits and letters (and ％．／＊＋) to half-width; other punctuation is kept as written. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => {
    const code = c.charCodeAt(0);
    const isAlnum = (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
    return isAlnum || EXTRA_HALF_WIDTH.has(c) ? String.fromCharCode(code - 0xfee0) : c;
  });
}

/** The line without trailing spaces and tabs (a loop: `/[ \t]+$/` retries from every space of a long run). */
function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** True when a whole line is a page number ("第 2 页 共 5 页", "- 3 -", "3/5", "Page 3 of 5"). */
export function isPageNoiseLine(line: string): boolean {
  const t = line.trim();
  return t !== "" && PAGE_NOISE_START.test(t) && PAGE_NOISE.some((re) => re.test(t));
}

/**
 * Normalizes document text: CRLF/CR/form feeds → LF, BOM and zero-width characters dropped, NBSP and other
 * spaces → " ", control characters dropped (tabs kept: they separate table cells), full-width digits/letters →
 * half-width, trailing spaces trimmed, page-number lines removed, runs of blank lines collapsed to one.
 */
export function normalizeText(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\f\v\u2028\u2029]/g, "\n")
    .replace(/[\uFEFF\u200B-\u200D\u2060\u00AD]/g, "")
    .replace(/[\u00A0\u2002-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, "");
  const lines = halfWidthAlnum(text)
    .split("\n")
    .map(trimEndBlanks)
    .filter((l) => !isPageNoiseLine(l));
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line.trim() === "" ? "" : line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/**
 * Joins the text of PDF pages, dropping page furniture: a short line that opens or closes at least half of the
 * pages (and at least 3) is a running header or footer, not content.
 */
export function joinPages(pages: readonly string[]): string {
  const edgeLines = pages.map((p) => {
    const lines = p.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    return new Set([lines[0], lines[1], lines[lines.length - 1], lines[lines.length - 2]].filter((l): l is string => !!l));
  });
  const counts = new Map<string, number>();
  for (const set of edgeLines) for (const l of set) counts.set(l, (counts.get(l) ?? 0) + 1);
  const furniture = new Set(
    [...counts].filter(([l, n]) => n >= 3 && n >= pages.length / 2 && [...l].length <= 40).map(([l]) => l),
  );
  return pages
    .map((p, i) => p.split("\n").filter((l) => !(furniture.has(l.trim()) && edgeLines[i].has(l.trim()))).join("\n"))
    .join("\n\n");
}
