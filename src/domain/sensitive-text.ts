/**
 * Masking of what must not be shown outside admin conversations: money (¥/RMB amounts, figures before 元/万元,
 * amounts in 【】, Chinese-numeral amounts such as 捌仟捌佰贰拾元整), bank account numbers, taxpayer ids
 * (统一社会信用代码), phone numbers and e-mail addresses. Pure. Every pattern is anchored with a look-behind on its own
 * character class and uses bounded or unambiguous repetition, so matching stays linear in the text length.
 */

/** What a masked figure is replaced with by default. */
export const DEFAULT_MASK = "***";

const DIGIT = "0-9\\uFF10-\\uFF19";
const NUMERAL = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟萬万亿億";
/** Characters that make a Chinese-numeral run a number (万/亿 alone, as in 「单位：万元」, do not). */
const NUMERAL_DIGIT = /[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/;
const HAS_FIGURE = new RegExp(`[${DIGIT}${NUMERAL}]`);
const USCC_CHAR = "0-9A-HJ-NP-RT-UW-Y";

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/g;
const TAX_ID_LABELLED = /(统一社会信用代码|社会信用代码|信用代码|纳税人识别号|税务登记号|税号)(\s{0,3}[:：]?\s{0,3})[0-9A-Za-z]{15,20}(?![0-9A-Za-z])/g;
const USCC = new RegExp(`(?<![0-9A-Za-z])[${USCC_CHAR}]{2}[0-9]{6}[${USCC_CHAR}]{10}(?![0-9A-Za-z])`, "g");
const CURRENCY_AMOUNT = new RegExp(
  `([¥￥$]|US\\$|USD|RMB|CNY|人民币)(\\s{0,3}(?:[(（](?:大写|小写)[)）])?\\s{0,3}[:：]?\\s{0,3}[*_]{0,4}\\s{0,3})[${DIGIT}](?:[${DIGIT},，]*[${DIGIT}])?(?:[.．][${DIGIT}]+)?(?:\\s{0,2}[万千亿])?`,
  "g",
);
const BRACKET_BEFORE_YUAN = /【([^【】\n]{1,40})】(?=[\s*_]{0,4}(?:万元|元|圆))/g;
const BRACKET_AFTER_LABEL = /((?:金额|价款|价格|总价|费用|合同款|款项|大写|小写|人民币)[^【】\n]{0,12}?)【([^【】\n]{1,40})】/g;
const FIGURE_BEFORE_YUAN = new RegExp(
  `(?<![${DIGIT}.,，．])[${DIGIT}](?:[${DIGIT},，]*[${DIGIT}])?(?:[.．][${DIGIT}]+)?(?:\\s{0,2}[万千亿])?[\\s*_]{0,4}(?=元|圆|块钱|块)`,
  "g",
);
const NUMERAL_YUAN = new RegExp(`(?<![${NUMERAL}])[${NUMERAL}]+[元圆][零壹贰叁肆伍陆柒捌玖拾角分整正]*`, "g");
const DIGIT_RUN = new RegExp(`(?<![${DIGIT}.,，．])[${DIGIT}]+(?:[ \\-\\u00a0][${DIGIT}]+)*`, "g");
const MOBILE = /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g;
const LANDLINE = /(?<![0-9])(?:\(0[0-9]{2,3}\)|（0[0-9]{2,3}）|0[0-9]{2,3})[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?:(?:-|转|ext\.?)[0-9]{1,6})?(?![0-9])/g;
const SERVICE_NUMBER = /(?<![0-9])[48]00[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9])/g;

/** Digits an account number has at least (bank cards 16–19, corporate accounts 12–25; mobiles are 11). */
const ACCOUNT_MIN_DIGITS = 10;

/**
 * A run of digit groups (separated by single spaces or dashes) is an account number when it has at least 10 digits
 * and at most one short group (dates such as 2024-03-15 2025-03-14 have several); otherwise only a single group of
 * 10+ digits inside it is masked.
 */
function maskDigitRun(run: string, mask: string): string {
  const groups = run.split(/[ \-\u00a0]/);
  const digits = groups.reduce((n, g) => n + g.length, 0);
  if (digits < ACCOUNT_MIN_DIGITS) return run;
  if (groups.length === 1 || groups.filter((g) => g.length < 3).length <= 1) return mask;
  return run.replace(new RegExp(`[${DIGIT}]{${ACCOUNT_MIN_DIGITS},}`, "g"), mask);
}

/**
 * The text with every money figure, account number, taxpayer id, phone number and e-mail address replaced by `mask`
 * (units and brackets kept: 「¥***」「***元」「【***】元」). Dates, percentages, clause numbers and quantities such as
 * 「5,000 分钟」 or 「1TB」 are left alone. Idempotent.
 */
export function maskSensitiveText(text: string, mask: string = DEFAULT_MASK): string {
  return text
    .replace(EMAIL, mask)
    .replace(TAX_ID_LABELLED, (_m, label: string, sep: string) => `${label}${sep}${mask}`)
    .replace(USCC, mask)
    .replace(CURRENCY_AMOUNT, (_m, currency: string, sep: string) => `${currency}${sep}${mask}`)
    .replace(BRACKET_BEFORE_YUAN, (m, inner: string) => (HAS_FIGURE.test(inner) ? `【${mask}】` : m))
    .replace(BRACKET_AFTER_LABEL, (m, label: string, inner: string) => (HAS_FIGURE.test(inner) ? `${label}【${mask}】` : m))
    .replace(FIGURE_BEFORE_YUAN, mask)
    .replace(NUMERAL_YUAN, (m) => (NUMERAL_DIGIT.test(m) ? `${mask}元` : m))
    .replace(DIGIT_RUN, (run) => maskDigitRun(run, mask))
    .replace(MOBILE, mask)
    .replace(LANDLINE, mask)
    .replace(SERVICE_NUMBER, mask);
}

/** True when {@link maskSensitiveText} would change the text. */
export function hasSensitiveText(text: string): boolean {
  return maskSensitiveText(text) !== text;
}
