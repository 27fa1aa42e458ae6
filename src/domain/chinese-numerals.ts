/**
 * Chinese numerals: plain (一, 十二, 两千) and financial capitals (玖仟捌佰元整) ⇄ integers and fen.
 * Pure functions; amounts are always integer fen (1 yuan = 100 fen), never floats.
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that may appear in a capital amount such as 壹万玖仟陆佰元整. */
export const CAPITAL_AMOUNT_CHARS = "零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億圆元角分整正";

const CAPITAL_DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;

/**
 * Parses a plain or capital Chinese integer ("二十四" → 24, "两" → 2, "一千零五" → 1005, "二〇二三" → 2023,
 * "壹万玖仟陆佰" → 19600). Arabic digits are accepted too ("12" → 12). Returns null when `s` is not a number.
 */
export function parseChineseNumber(s: string): number | null {
  const text = s.replace(/\s+/g, "");
  if (text === "") return null;
  if (/^\d+$/.test(text)) return Number(text);
  const chars = [...text];
  if (chars.every((c) => c in DIGIT_VALUES)) {
    if (chars.length === 1) return DIGIT_VALUES[chars[0]];
    if (chars.some((c) => c === "两" || c === "兩")) return null;
    return Number(chars.map((c) => DIGIT_VALUES[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Infinity;
  for (const c of chars) {
    if (c in DIGIT_VALUES) {
      if (digit !== null && digit !== 0 && DIGIT_VALUES[c] !== 0) return null;
      digit = DIGIT_VALUES[c];
    } else if (c in SMALL_UNITS) {
      const unit = SMALL_UNITS[c];
      if (unit >= lastSmall) return null;
      section += (digit === null || digit === 0 ? 1 : digit) * unit;
      lastSmall = unit;
      digit = null;
    } else if (c in BIG_UNITS) {
      const big = BIG_UNITS[c];
      const value = section + (digit ?? 0);
      if (value === 0 && total === 0) return null;
      total = big === 1e8 ? (total + value) * big : total + value * big;
      section = 0;
      digit = null;
      lastSmall = Infinity;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/**
 * Parses a capital amount into fen: "玖仟捌佰元整" → 980000, "捌仟捌佰贰拾元" → 882000, "壹拾贰元叁角肆分" → 1234,
 * "伍角" → 50. Tolerates a 人民币/大写 prefix, spaces and brackets. Returns null when it is not an amount.
 */
export function parseCapitalAmount(s: string): number | null {
  let text = s.replace(/[\s【】\[\]（）()*:：]/g, "").replace(/^(人民币|大写|RMB)+/i, "");
  text = text.replace(/[整正]$/, "");
  if (text === "" || !/[元圆角分]/.test(text)) return null;
  const m = /^([^元圆角分]*)(?:[元圆])?(?:([^元圆角分]+)角)?(?:([^元圆角分]+)分)?$/.exec(text);
  if (!m) return null;
  const [, yuanPart, jiaoPart, fenPart] = m;
  if (!/[元圆]/.test(text) && yuanPart !== "") return null;
  let yuan = 0;
  if (yuanPart !== "" && yuanPart !== "零") {
    const v = parseChineseNumber(yuanPart);
    if (v === null) return null;
    yuan = v;
  }
  const small = (part: string | undefined): number | null => {
    if (part === undefined) return 0;
    const digits = part.replace(/^零/, "");
    if (digits.length !== 1 || !(digits in DIGIT_VALUES)) return null;
    return DIGIT_VALUES[digits];
  };
  const jiao = small(jiaoPart);
  const fen = small(fenPart);
  if (jiao === null || fen === null) return null;
  if (yuanPart === "" && jiaoPart === undefined && fenPart === undefined) return null;
  return yuan * 100 + jiao * 10 + fen;
}

/** Formats a group of up to four digits (0–9999) with 仟佰拾, inserting 零 for inner gaps. */
function formatGroup(n: number, leadingZero: boolean): string {
  const units = ["仟", "佰", "拾", ""];
  const digits = String(n).padStart(4, "0").split("").map(Number);
  let out = "";
  let pendingZero = leadingZero;
  for (let i = 0; i < 4; i++) {
    const d = digits[i];
    if (d === 0) {
      if (out !== "") pendingZero = true;
      continue;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += CAPITAL_DIGITS[d] + units[i];
  }
  return out;
}

/**
 * Formats integer fen as a capital amount the way contracts write it: 980000 → "玖仟捌佰元整",
 * 1960000 → "壹万玖仟陆佰元整", 100500 → "壹仟零伍元整", 1234 → "壹拾贰元叁角肆分", 0 → "零元整".
 */
export function formatCapitalAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`fen must be a non-negative safe integer, got ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = "";
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.unshift(rest % 10000);
    const bigUnits = ["", "万", "亿", "万亿"];
    let zeroGap = false;
    groups.forEach((g, idx) => {
      const unit = bigUnits[groups.length - 1 - idx];
      if (g === 0) {
        zeroGap = true;
        return;
      }
      out += formatGroup(g, out !== "" && (zeroGap || g < 1000)) + unit;
      zeroGap = false;
    });
    out += "元";
  }
  if (jiao === 0 && cents === 0) return (out || "零元") + "整";
  if (jiao > 0) out += CAPITAL_DIGITS[jiao] + "角";
  else if (yuan > 0) out += "零";
  if (cents > 0) out += CAPITAL_DIGITS[cents] + "分";
  return out;
}
