/**
 * "What must I do, by when": the 1–3 most urgent items (overdue first, then by deadline), each with its deadline
 * and one action — 已续费 / 上传续约合同 before expiry, 录入用量 for allowances about to lapse or run out, the
 * contract card for late payment or invoice. Says so when nothing is due.
 */
import type { QuotaView } from "./api-types.js";
import { chartedConsumables } from "./charts.view.js";
import { h } from "./dom.js";
import { daysBetween, formatMoney, formatNumber } from "./format.js";
import { quotaUnit } from "./entitlements.view.js";
import { renewalOpen, renewalUpload, renewedButton } from "./renewal.view.js";
import { relativeDay } from "./timeline.view.js";
import { caption, type Tone, type ViewContext } from "./view-kit.js";

/** Items further away than this many days are not "now". */
const HORIZON_DAYS = 60;
const MAX_ITEMS = 3;

interface Item {
  kind: string;
  tone: Tone;
  title: string;
  /** Deadline `YYYY-MM-DD` (sort key; overdue ones are in the past). */
  due: string;
  actions: (status: HTMLElement) => HTMLElement[];
}

function goTo(selector: string, label: string, prepare?: (target: HTMLElement) => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "btn btn-small" }, label);
  b.addEventListener("click", () => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return;
    target.querySelector("details.fold")?.setAttribute("open", "");
    prepare?.(target);
    target.scrollIntoView({ block: "start" });
    target.querySelector<HTMLElement>("input, select, button")?.focus({ preventScroll: true });
  });
  return b;
}

function recordButton(ctx: ViewContext, q: QuotaView): HTMLButtonElement {
  return goTo(".usage-card", ctx.t("recordAction"), (card) => {
    const select = card.querySelector("select");
    if (select && [...select.options].some((o) => o.value === q.metric)) {
      select.value = q.metric;
      select.dispatchEvent(new Event("change"));
    }
  });
}

function quotaItems(ctx: ViewContext): Item[] {
  const { t, lang } = ctx;
  const out: Item[] = [];
  const lapses = new Map<string, { parts: string[]; first: QuotaView }>();
  for (const q of chartedConsumables(ctx)) {
    const unit = quotaUnit(ctx, q);
    const name = q.label ?? q.metric;
    const left = q.remaining ?? q.limit;
    const end = q.window!.end;
    if (q.overLimit || (q.percent ?? 0) >= 80 || q.forecast?.exhaustsOn) {
      const title = q.forecast?.exhaustsOn && !q.overLimit
        ? t("attRunsOut", { name, date: q.forecast.exhaustsOn })
        : t("attQuota", { name, pct: `${Math.round(q.percent ?? 100)}%` });
      out.push({ kind: "quota", tone: q.overLimit || (q.percent ?? 0) >= 100 ? "danger" : "warn", title, due: q.forecast?.exhaustsOn ?? end, actions: () => [recordButton(ctx, q)] });
    } else if (q.period !== "month" && left > 0 && daysBetween(ctx.today, end) <= HORIZON_DAYS) {
      const lapse = lapses.get(end) ?? { parts: [], first: q };
      lapse.parts.push(t("lapsePart", { name, n: formatNumber(lang, Math.floor(q.forecast?.unusedAtWindowEnd ?? left)), unit }));
      lapses.set(end, lapse);
    }
  }
  for (const [date, { parts, first }] of lapses) {
    const what = parts.join(lang === "en" ? ", " : "、");
    out.push({ kind: "lapse", tone: "warn", title: t("attLapse", { what, date }), due: date, actions: () => [recordButton(ctx, first)] });
  }
  return out;
}

/** The attention items in order of urgency (all of them; the card shows the first three). */
export function attentionItems(ctx: ViewContext): Item[] {
  const { t, lang } = ctx;
  const c = ctx.summary.contract;
  if (!c) return [];
  const items: Item[] = [];
  if (renewalOpen(ctx) && c.daysLeft <= HORIZON_DAYS) {
    const title = c.daysLeft < 0 ? t("attExpired", { n: -c.daysLeft }) : c.status === "renewing" ? t("attRenewing", { n: c.daysLeft }) : t("attExpiry", { n: c.daysLeft });
    items.push({
      kind: "renewal", tone: c.daysLeft <= 7 ? "danger" : "warn", title, due: c.endsOn,
      actions: (status) => {
        const [upload, panel] = renewalUpload(ctx);
        return [renewedButton(ctx, status), upload, panel];
      },
    });
  }
  const view = (): HTMLElement[] => [goTo(".contract-card", t("viewContract"))];
  if (c.invoice.status === "overdue" && c.invoice.deadline) {
    const title = c.invoice.penaltyFen > 0
      ? t("attInvoicePenalty", { n: c.invoice.daysOverdue, amount: formatMoney(lang, c.invoice.penaltyFen) })
      : t("attInvoice", { n: c.invoice.daysOverdue });
    items.push({ kind: "invoice", tone: "danger", title, due: c.invoice.deadline, actions: view });
  }
  if (c.payment.status === "overdue" && c.payment.deadline) {
    items.push({ kind: "payment", tone: "danger", title: t("attPayment", { n: c.payment.daysOverdue }), due: c.payment.deadline, actions: view });
  }
  items.push(...quotaItems(ctx));
  return items.sort((a, b) => a.due.localeCompare(b.due));
}

/** The attention card at the top of the page. */
export function attentionCard(ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const items = attentionItems(ctx).slice(0, MAX_ITEMS);
  const body = items.length
    ? h(
        "ol",
        { class: "att-list" },
        items.map((it) =>
          h(
            "li",
            { class: `att att-${it.tone}`, "data-kind": it.kind },
            h("p", { class: "att-title" }, it.title),
            caption(t("dueOn", { date: it.due, rel: relativeDay(ctx, it.due) })),
            h("div", { class: "att-actions" }, it.actions(status)),
          ),
        ),
      )
    : h("p", { class: "att-none" }, t("attNone"));
  return h("section", { class: "card attention", "aria-labelledby": "att-title" }, h("h2", { id: "att-title", class: "card-title" }, t("attention")), body, status);
}
