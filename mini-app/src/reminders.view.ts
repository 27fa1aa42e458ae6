/** Upcoming reminders with acknowledge/snooze (admins), the delivery log, and the renewal history. */
import { ApiError, OfflineError } from "./api-client.js";
import type { UpcomingReminder } from "./api-types.js";
import { h } from "./dom.js";
import { formatInstant, formatMoney } from "./format.js";
import { enumLabel } from "./i18n.js";
import { relativeDay } from "./timeline.view.js";
import { caption, card, tag, type Tone, type ViewContext } from "./view-kit.js";

const SNOOZE_DAYS = 7;
const SEVERITY_TONE: Record<string, Tone> = { info: "brand", warning: "warn", critical: "danger" };

function reminderItem(ctx: ViewContext, r: UpcomingReminder, status: HTMLElement): HTMLElement {
  const { t, lang } = ctx;
  const state = r.acknowledged
    ? tag(t("acknowledged"), "ok")
    : r.snoozedUntil
      ? tag(t("snoozedUntil", { date: r.snoozedUntil }), "neutral")
      : tag(enumLabel(lang, "severity", r.severity), SEVERITY_TONE[r.severity] ?? "neutral");
  const actions: HTMLElement[] = [];
  if (ctx.summary.viewer.isAdmin && !r.acknowledged) {
    const run = async (button: HTMLButtonElement, action: () => Promise<unknown>): Promise<void> => {
      for (const b of actions) (b as HTMLButtonElement).disabled = true;
      button.setAttribute("aria-busy", "true");
      status.textContent = "";
      try {
        await action();
        status.textContent = t("actionDone");
        await ctx.reload();
      } catch (err) {
        const message = err instanceof OfflineError ? t("offlineTitle") : err instanceof ApiError ? err.message : String(err);
        status.textContent = t("actionFailed", { message });
        for (const b of actions) (b as HTMLButtonElement).disabled = false;
        button.removeAttribute("aria-busy");
      }
    };
    const ack = h("button", { type: "button", class: "btn btn-small btn-primary", "aria-label": t("acknowledgeLabel", { title: r.title }) }, t("acknowledge"));
    ack.addEventListener("click", () => void run(ack, () => ctx.client.acknowledge({ contractId: r.contractId, kind: r.kind })));
    actions.push(ack);
    const snooze = h("button", { type: "button", class: "btn btn-small", "aria-label": t("snoozeLabel", { title: r.title }) }, t("snooze"));
    snooze.addEventListener("click", () => void run(snooze, () => ctx.client.snooze({ contractId: r.contractId, kind: r.kind, days: SNOOZE_DAYS })));
    actions.push(snooze);
  }
  const channel = enumLabel(lang, "channel", r.channel);
  return h(
    "li",
    { class: "rem", "data-kind": r.kind },
    h("div", { class: "rem-head" }, h("p", { class: "rem-title" }, r.title), state),
    caption(`${r.date} ${r.time} · ${relativeDay(ctx, r.date)} · ${channel}`),
    actions.length > 0 ? h("div", { class: "rem-actions" }, actions) : null,
  );
}

/** The reminders card: what is due, with actions, and a collapsible delivery log. */
export function remindersCard(ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const { upcoming, log } = ctx.summary.reminders;
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const list =
    upcoming.length > 0
      ? h("ul", { class: "rem-list" }, upcoming.map((r) => reminderItem(ctx, r, status)))
      : h("p", { class: "caption" }, t("noReminders"));
  const logItems = log.map((e) =>
    h(
      "li",
      { class: "log-item" },
      h("p", null, `${formatInstant(e.at)} · ${enumLabel(lang, "channel", e.channel)} → ${e.recipient}`),
      caption(`${enumLabel(lang, "notice", e.kind)} · ${enumLabel(lang, "log", e.status)}`),
      e.error ? h("p", { class: "caption tone-danger" }, t("logError", { error: e.error })) : null,
    ),
  );
  const logBlock = h(
    "details",
    { class: "log" },
    h("summary", null, `${t("reminderLog")} (${log.length})`),
    logItems.length > 0 ? h("ul", { class: "log-list" }, logItems) : h("p", { class: "caption" }, t("noLog")),
  );
  return card(t("reminders"), "rem-card", list, status, logBlock);
}

/** Renewal history, newest first. */
export function renewalsCard(ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const renewals = [...ctx.summary.renewals].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  const body =
    renewals.length > 0
      ? h(
          "ul",
          { class: "renew-list" },
          renewals.map((r) =>
            h(
              "li",
              { class: "renew" },
              h("div", { class: "rem-head" }, h("p", { class: "renew-term" }, `${r.startsOn} → ${r.endsOn}`), tag(enumLabel(lang, "status", r.status), "neutral")),
              caption(formatMoney(lang, r.amountFen)),
            ),
          ),
        )
      : h("p", { class: "caption" }, t("noRenewals"));
  return card(t("renewals"), "renew-card", body);
}
