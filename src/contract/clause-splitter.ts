/**
 * Splits normalized contract text into parts (head, body, signature, annex) and numbered clauses
 * ("3.2.4", "2.3", "第三条", "一、"), and tags each clause by keyword rules.
 */
import type { Clause, ClauseTag } from "../domain/model.js";
import { parseChineseNumber } from "../domain/chinese-numerals.js";

/** A clause with the line range it came from (internal to the parser; the public Clause drops the range). */
export interface ClauseBlock extends Clause {
  startLine: number;
  endLine: number;
}

/** Where the parts of the document are, as line indexes into the normalized lines. */
export interface DocumentLayout {
  lines: string[];
  /** First line of the annex (附件…), or -1. */
  annexStart: number;
  body: ClauseBlock[];
  annex: ClauseBlock[];
  /** Lines before the first body clause: title, parties, preamble. */
  headEnd: number;
}

interface Heading {
  ref: string;
  path: number[];
  style: "arabic" | "chinese";
  rest: string;
}

const CN = "[一二三四五六七八九十]{1,3}";
const CN_CHARS = new Set("一二三四五六七八九十");
const ARTICLE_RE = /^第\s*([一二三四五六七八九十百零〇两\d]{1,4})\s*条\s*[、.．:：]?\s*(.*)$/u;
const CHINESE_RE = new RegExp(`^(${CN})\\s*[、.．]\\s*(.*)$`, "u");
const ARABIC_RE = /^(\d{1,2}(?:\s?[.．]\s?\d{1,2}){0,3})(\s*[.．、]\s*|\s+|(?=[\u4e00-\u9fff“"《（(]))(.*)$/u;
const NOT_A_CLAUSE_START = /^(?:小时|分钟|个工作日|个月|[年月日天个次元万千百人方份倍号岁页台间路张)）%/*×xX~～:：\-\d])/u;
const NOT_A_CLAUSE_START_ADJACENT = /^(?:[条期周项款种名位家])/u;
const BODY_END_RE = /正文结束|以下(?:为|是)?签署页|以下无正文|本页无正文/u;
const SIGNATURE_RE = /^甲\s*方\s*(?:[(（][^)）]{0,8}[)）]\s*)?[:：]|^(?:签署|签订|签约|签字)(?:日期|时间)\s*[:：]/u;
const ANNEX_RE = /^附\s*件\s*(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*)?(?:[:：、.．]|$)|^附\s*件\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s+\S/u;

function stripMarkup(line: string): string {
  const t = line.trim();
  if (!t.includes("**") && t[0] !== "#" && t[0] !== ">" && t[0] !== "-") return t;
  return t.replace(/^[#>]+\s*/u, "").replace(/\*\*/g, "").replace(/^-\s+(?=\S)/u, "").trim();
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/**
 * A heading whose number was displaced to the end of the line by extraction ("、服务内容 二"): what
 * `/^、\s*(.+?)\s+([一…十]{1,3})$/u` matches, found from both ends instead of retrying the lazy group at every
 * space (quadratic on a long run of spaces).
 */
function matchDisplaced(line: string): [rest: string, num: string] | null {
  if (line[0] !== "、") return null;
  let numStart = line.length;
  while (numStart > 1 && CN_CHARS.has(line[numStart - 1])) numStart--;
  const numLen = line.length - numStart;
  if (numLen < 1 || numLen > 3 || !isSpace(line[numStart - 1])) return null;
  let restEnd = numStart - 1;
  while (restEnd > 1 && isSpace(line[restEnd - 1])) restEnd--;
  let restStart = 1;
  while (restStart < restEnd && isSpace(line[restStart])) restStart++;
  const num = line.slice(numStart);
  if (restStart < restEnd) return [line.slice(restStart, restEnd), num];
  return numStart >= 3 ? [line[numStart - 2], num] : null;
}

/** Recognizes a clause heading at the start of a line, or returns null. */
function parseHeading(raw: string): Heading | null {
  const line = stripMarkup(raw);
  let m = ARTICLE_RE.exec(line);
  if (m) {
    const n = parseChineseNumber(m[1]);
    return n === null ? null : { ref: `第${m[1]}条`, path: [n], style: "chinese", rest: m[2] };
  }
  const displaced = matchDisplaced(line);
  if (displaced) {
    const n = parseChineseNumber(displaced[1]);
    return n === null ? null : { ref: displaced[1], path: [n], style: "chinese", rest: displaced[0] };
  }
  m = CHINESE_RE.exec(line);
  if (m) {
    const n = parseChineseNumber(m[1]);
    return n === null ? null : { ref: m[1], path: [n], style: "chinese", rest: m[2] };
  }
  m = ARABIC_RE.exec(line);
  if (m && !NOT_A_CLAUSE_START.test(m[3]) && !(m[2] === "" && NOT_A_CLAUSE_START_ADJACENT.test(m[3]))) {
    const ref = m[1].replace(/\s/g, "").replace(/．/g, ".");
    return { ref, path: ref.split(".").map(Number), style: "arabic", rest: m[3] };
  }
  return null;
}

/** True when the line starts like a clause heading ("2.1", "二、", "第三条"), whatever the numbering context. */
export function isClauseHeading(line: string): boolean {
  return parseHeading(line) !== null;
}

/** True when `cand` can follow `prev` in a numbering sequence (child, next sibling, or a new numbering style). */
function isPlausibleNext(prev: Heading | null, cand: Heading): boolean {
  if (prev === null) return cand.path.every((x) => x >= 1 && x <= 3);
  if (cand.style !== prev.style && cand.path.length === 1 && cand.path[0] === 1) return true;
  const same = (k: number) => cand.path.slice(0, k).every((x, i) => x === prev.path[i]);
  if (cand.path.length === prev.path.length + 1 && same(prev.path.length) && cand.path[cand.path.length - 1] === 1) return true;
  for (let k = 0; k < prev.path.length; k++) {
    if (cand.path.length === k + 1 && same(k)) {
      const step = cand.path[k] - prev.path[k];
      if (step === 1 || step === 2) return true;
    }
  }
  return false;
}

const CJK_EDGE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’、]/u;

/**
 * Joins wrapped lines: no space between two CJK characters (a PDF line wrap), one space otherwise. Lines with
 * tabs (table rows) and lines after a blank line stay on their own line. The pieces are collected and joined once,
 * remembering the last character and whether the last output line has a tab, so the result is never re-read.
 */
export function joinWrappedLines(lines: readonly string[]): string {
  const parts: string[] = [];
  let lastChar = "";
  let lastLineHasTab = false;
  let prevBlank = false;
  for (const raw of lines) {
    const line = raw.includes("\t") ? raw.trimEnd() : raw.trim();
    if (line === "") {
      prevBlank = parts.length > 0;
      continue;
    }
    const hasTab = line.includes("\t");
    if (parts.length === 0) {
      parts.push(line);
      lastLineHasTab = hasTab;
    } else if (prevBlank || hasTab || lastLineHasTab) {
      parts.push("\n", line);
      lastLineHasTab = hasTab;
    } else if (CJK_EDGE.test(lastChar) || CJK_EDGE.test(line[0])) parts.push(line);
    else parts.push(" ", line);
    lastChar = line[line.length - 1];
    prevBlank = false;
  }
  return parts.join("");
}

const TAG_RULES: readonly [ClauseTag, RegExp][] = [
  ["payment", /付款|支付(?:方式|入口|约定费用|全部费用|服务费用|费用)|费用支付|一次性支付|付清|价款/u],
  ["invoice", /发票|开票/u],
  ["no_refund", /(?:不得|不能|不可|无权)[^。；]{0,12}退款|不予?退(?:款|费|还)|不退还|不退费|概不退/u],
  ["renewal", /续费|续约|续签|续订|续期/u],
  ["termination", /终止|解除(?:本合同|本协议|合同|协议)|随即终止/u],
  ["data_retention", /(?:保存|保留|留存|存储时效)[^。；]{0,16}(?:数据|聊天|记录|内容|文件|时效)|(?:数据|聊天记录|聊天内容|文件)[^。；]{0,16}(?:保存|保留|留存)/u],
  ["data_deletion", /(?:删除|清除|销毁|清空)[^。；]{0,12}(?:数据|信息|内容|文件)|(?:数据|信息|内容|文件)[^。；]{0,12}(?:删除|清除|销毁|清空)|不可恢复|无法恢复/u],
  ["liability_cap", /赔偿总额|(?:上限|最高)[^。；]{0,8}不超过|累计赔偿|赔偿[^。；]{0,20}(?:不超过|为限)/u],
  ["penalty", /违约金|滞纳金|罚金|每逾期|违约责任|违约条款|赔偿/u],
  ["confidentiality", /保密(?!群)|商业秘密|专有信息/u],
  ["force_majeure", /不可抗力(?:是指|事件|因素|影响|而|致使|之因素|结束)|(?:由于|因|遭受)不可抗力/u],
  ["dispute", /争议|纠纷|管辖|仲裁|诉讼|起诉/u],
  ["change_notice", /(?:变更|修改|调整)[^。；]{0,40}(?:公告|通知|公示)|(?:公告|通知|公示)[^。；]{0,20}(?:变更|修改|调整)/u],
];

/** Tags a clause text with the spec's clause tags by keyword rules. */
export function tagClause(text: string): ClauseTag[] {
  return TAG_RULES.filter(([, re]) => re.test(text)).map(([tag]) => tag);
}

/** Splits lines [from, to) into clauses; stops at a signature block or an end-of-body marker. */
function splitClauses(lines: readonly string[], from: number, to: number, part: Clause["part"], skip: ReadonlySet<number>): ClauseBlock[] {
  const out: ClauseBlock[] = [];
  let prev: Heading | null = null;
  let current: { heading: Heading; start: number; lines: string[] } | null = null;
  const flush = (end: number) => {
    if (!current) return;
    const rest = current.heading.rest.trim();
    const isTitle = rest.length <= 20 && !/[，。；：、,;:]$/u.test(rest);
    const body = joinWrappedLines(current.lines);
    const text = (isTitle ? [rest, body].filter((s) => s !== "").join("\n") : joinWrappedLines([rest, ...current.lines])).replace(/\*\*/g, "");
    out.push({ part, ref: current.heading.ref, text, tags: tagClause(text), startLine: current.start, endLine: end });
    current = null;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (out.length + (current ? 1 : 0) > 0 && (BODY_END_RE.test(line) || SIGNATURE_RE.test(line.trim()))) {
      flush(i);
      break;
    }
    if (skip.has(i)) continue;
    const h = parseHeading(line);
    if (h && isPlausibleNext(prev, h)) {
      flush(i);
      current = { heading: h, start: i, lines: [] };
      prev = h;
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush(to);
  return out;
}

/** Finds the first line of the annex (附件 / 附件一：…) after the body has started, or -1. */
export function findAnnexStart(lines: readonly string[], after = 0): number {
  for (let i = after; i < lines.length; i++) if (ANNEX_RE.test(stripMarkup(lines[i]))) return i;
  return -1;
}

/** Lays out the document: head, body clauses, annex clauses (lines in `skip`, e.g. the annex table, are left out). */
export function layoutDocument(text: string, skip: ReadonlySet<number> = new Set()): DocumentLayout {
  const lines = text.split("\n");
  let firstHeading = lines.findIndex((l) => {
    const h = parseHeading(l);
    return h !== null && isPlausibleNext(null, h);
  });
  if (firstHeading < 0) firstHeading = lines.length;
  const annexStart = findAnnexStart(lines, firstHeading);
  const bodyTo = annexStart < 0 ? lines.length : annexStart;
  const body = splitClauses(lines, firstHeading, bodyTo, "body", skip);
  const annex = annexStart < 0 ? [] : splitClauses(lines, annexStart + 1, lines.length, "annex", skip);
  return { lines, annexStart, body, annex, headEnd: body[0]?.startLine ?? firstHeading };
}

/** The public clause list (line ranges dropped). */
export function publicClauses(blocks: readonly ClauseBlock[]): Clause[] {
  return blocks.map(({ part, ref, text, tags }) => ({ part, ref, text, tags }));
}
