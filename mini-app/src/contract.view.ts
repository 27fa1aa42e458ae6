/** The contract card: parties, amount (figures and capitals), term progress, status, payment, invoice and the renewal actions. */
import type { ContractView, DeadlineStatus, InvoiceView, PaymentView } from "./api-types.js";
import { h, uid } from "./dom.js";
import { formatMoney, formatRate, formatRatio } from "./format.js";
import { enumLabel } from "./i18n.js";
import { renewalOpen, renewalUpload, renewedButton } from "./renewal.view.js";
import { fold, progressBar, row, tag, type Tone, type ViewContext } from "./view-kit.js";

const STATUS_TONE: Record<string, Tone> = {
  draft: "neutral", active: "ok", renewing: "brand", renewed: "ok", expired: "danger", terminated: "neutral",
};
const DEADLINE_TONE: Record<DeadlineStatus, Tone> = { pending: "brand", met: "ok", overdue: "danger", unknown: "neutral" };

function daysLeftText(ctx: ViewContext, days: number): string {
  if (days > 0) return ctx.t("daysLeft", { n: days });
  if (days === 0) return ctx.t("endsToday");
  return ctx.t("expiredDays", { n: -days });
}

function deadlineValue(
  ctx: ViewContext, kind: "payment" | "invoice", d: PaymentView | InvoiceView, doneOn: string | null, doneKey: "paidOn" | "invoicedOn",
): HTMLElement[] {
  const parts: string[] = [d.deadline ? ctx.t("deadline", { date: d.deadline }) : ctx.t("noDeadline")];
  if (doneOn) parts.push(ctx.t(doneKey, { date: doneOn }));
  if (d.status === "overdue" && d.daysOverdue > 0) parts.push(ctx.t("overdueDays", { n: d.daysOverdue }));
  const note = h("span", { class: "dd-note" }, parts.flatMap((p, i) => [i > 0 ? " · " : null, h("span", { class: "nowrap" }, p)]));
  return [tag(enumLabel(ctx.lang, kind, d.status), DEADLINE_TONE[d.status] ?? "neutral"), note];
}

/** Renders the contract card; the headline figure is the days left. */
export function contractCard(ctx: ViewContext, c: ContractView): HTMLElement {
  const { t, lang } = ctx;
  const elapsed = Math.max(0, Math.min(1, c.progress));
  const leftTone: Tone = c.daysLeft < 0 ? "danger" : c.daysLeft <= 30 ? "warn" : "ok";
  const titleId = uid("contract");
  const head = h(
    "div",
    { class: "contract-head" },
    h("div", null, h("p", { class: "eyebrow" }, c.product), h("h2", { id: titleId, class: "contract-name" }, c.title)),
    tag(enumLabel(lang, "status", c.status), STATUS_TONE[c.status] ?? "neutral"),
  );
  const term = h(
    "div",
    { class: "term" },
    h(
      "div",
      { class: "term-line" },
      h("span", { class: `days-left tone-${leftTone}` }, daysLeftText(ctx, c.daysLeft)),
      h("span", { class: "term-dates" }, t("termProgress", { pct: formatRatio(lang, elapsed) })),
    ),
    progressBar(t("term"), elapsed * 100, t("termProgress", { pct: formatRatio(lang, elapsed) }), leftTone === "ok" ? "brand" : leftTone),
  );
  const amountWords = c.amountWords
    ? h(
        "span",
        { class: `dd-note${c.amountWordsOk ? "" : " tone-danger"}`, title: t(c.amountWordsOk ? "amountWordsOk" : "amountWordsBad") },
        `${c.amountWords} ${c.amountWordsOk ? "✓" : "⚠"}`,
        h("span", { class: "sr-only" }, ` ${t(c.amountWordsOk ? "amountWordsOk" : "amountWordsBad")}`),
      )
    : null;
  const rows = h(
    "dl",
    { class: "rows" },
    row(t("customer"), c.customer),
    row(t("vendors"), c.vendors.join("、")),
    row(t("amount"), h("span", { class: "amount" }, formatMoney(lang, c.amountFen)), amountWords),
    row(t("term"), `${c.startsOn} → ${c.endsOn}`, h("span", { class: "dd-note" }, t("termMonths", { n: c.termMonths }))),
    row(t("payment"), ...deadlineValue(ctx, "payment", c.payment, c.payment.paidOn, "paidOn")),
    row(t("invoice"), ...deadlineValue(ctx, "invoice", c.invoice, c.invoice.invoicedOn, "invoicedOn")),
  );
  const penalty =
    c.invoice.penaltyFen > 0
      ? h(
          "p",
          { class: "penalty", role: "note" },
          t("penalty", {
            amount: formatMoney(lang, c.invoice.penaltyFen),
            rate: c.invoice.ratePerDay === null ? "—" : formatRate(lang, c.invoice.ratePerDay),
          }),
        )
      : null;
  let renew: HTMLElement | null = null;
  if (renewalOpen(ctx)) {
    const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
    const [upload, panel] = renewalUpload(ctx);
    renew = h("div", { class: "att-actions contract-actions" }, renewedButton(ctx, status, false), upload, panel, status);
  }
  return h("section", { class: "card contract-card", "aria-labelledby": titleId }, head, term, penalty, renew, fold(ctx, t("contractFold"), rows));
}
