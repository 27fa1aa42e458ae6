/** Pure rules of the usage form (no DOM): which quotas are recordable and how an amount is validated. */
import type { QuotaView, UsageKind } from "./api-types.js";
import type { MessageKey } from "./i18n.js";

/** How the usage form records a quota: the server's `recordAs`, else delta for periodic quotas, reading for GB caps. */
export function recordKind(q: Pick<QuotaView, "recordAs" | "period" | "unit">): UsageKind | null {
  if (q.recordAs !== undefined) return q.recordAs;
  if (q.period !== "none") return "delta";
  return q.unit === "gb" ? "reading" : null;
}

/** Result of checking the amount field: a number, or the message key explaining why not. */
export type AmountCheck = { ok: true; value: number } | { ok: false; error: MessageKey };

/** Validates an amount as typed (full-width digits accepted): not empty, a number, not negative, > 0 for deltas. */
export function checkAmount(raw: string, kind: UsageKind): AmountCheck {
  const text = raw.trim().replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, "");
  if (text === "") return { ok: false, error: "errEmpty" };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { ok: false, error: "errNaN" };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, error: "errNaN" };
  if (value < 0) return { ok: false, error: "errNegative" };
  if (kind === "delta" && value === 0) return { ok: false, error: "errZero" };
  return { ok: true, value };
}
