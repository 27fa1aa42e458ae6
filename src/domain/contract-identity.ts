/**
 * When two documents are the same contract, and when a contract may follow another: identity by what the text says,
 * not by its bytes, so the same contract as a PDF, a DOCX or a text with a BOM or CRLF line ends is one contract.
 * Pure.
 */

/** The text as identity sees it: NFKC (full-width → half-width), no whitespace or zero-width characters at all. */
export function identityText(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "");
}

/** A customer's name as compared: NFKC (so "（上海）" = "(上海)") and no whitespace. */
const customerKey = identityText;

/** True when both names are given and name the same customer (see customerKey). */
export function sameCustomer(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b) && customerKey(a!) === customerKey(b!);
}

/** The terms that make a contract itself; two documents with all of them equal are the same contract. */
export interface ContractTermsKey {
  customerName: string | null;
  amountFen: number | null;
  signedOn: string | null;
  termMonths: number | null;
}

/**
 * A key of the parsed terms, or null when they are too incomplete to tell contracts apart (without a signing date a
 * renewal at the same price would look like the same contract, so only the text decides then).
 */
export function termsKey(t: ContractTermsKey): string | null {
  if (!t.customerName || t.amountFen == null || !t.signedOn || t.termMonths == null) return null;
  return `${customerKey(t.customerName)}|${t.amountFen}|${t.signedOn}|${t.termMonths}`;
}
