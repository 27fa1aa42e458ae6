/** Upcoming reminders (one row per notice, channel badges, 已续费 first on renewal notices), the delivery log, the renewal history. */
import type { UpcomingReminder } from "./api-types.js";
import { h } from "./dom.js";
import { formatInstant, formatMoney } from "./format.js";
import { enumLabel } from "./i18n.js";
import { failureText, renewalOpen, renewedButton } from "./renewal.view.js";
import { relativeDay } from "./timeline.view.js";
import { caption, card, tag, type Tone, type ViewContext } from "./view-kit.js";

const SNOOZE_DAYS = 7;
const SEVERITY_TONE: Record<string, Tone> = { info: "brand", warning: "warn", critical: "danger" };

/** Rows shown before 「查看全部 N 条」. */
const SHOWN = 3;

/** One notice on one date, merged across the channels it goes out on. */
interface Notice {
  first: UpcomingReminder;
  channels: string[];
}

/** Merges the upcoming list into one notice per date, kind and title, in date order, channels in first-seen order. */
export function mergeNotices(upcoming: readonly UpcomingReminder[]): Notice[] {
  const byKey = new Map<string, Notice>();
  for (const r of [...upcoming].sort((a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`))) {
    const key = `${r.date}|${r.kind}|${r.title}`;
    const n = byKey.get(key);
    if (!n) byKey.set(key, { first: r, channels: [r.channel] });
    else if (!n.channels.includes(r.channel)) n.channels.push(r.channel);
  }
  return [...byKey.values()];
}

function reminderItem(ctx: ViewContext, n: Notice, status: HTMLElement): HTMLElement {
  const { t, lang } = ctx;
  const r = n.first;
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
        status.textContent = failureText(ctx, err);
        for (const b of actions) (b as HTMLButtonElement).disabled = false;
        button.removeAttribute("aria-busy");
      }
    };
    const renewal = r.kind === "renewal" && renewalOpen(ctx);
    if (renewal) actions.push(renewedButton(ctx, status));
    const ack = h("button", { type: "button", class: `btn btn-small${renewal ? "" : " btn-primary"}`, "aria-label": t("acknowledgeLabel", { title: r.title }) }, t("acknowledge"));
    ack.addEventListener("click", () => void run(ack, () => ctx.client.acknowledge({ contractId: r.contractId, kind: r.kind })));
    actions.push(ack);
    const snooze = h("button", { type: "button", class: "btn btn-small", "aria-label": t("snoozeLabel", { title: r.title }) }, t("snooze"));
    snooze.addEventListener("click", () => void run(snooze, () => ctx.client.snooze({ contractId: r.contractId, kind: r.kind, days: SNOOZE_DAYS })));
    actions.push(snooze);
  }
  return h(
    "li",
    { class: "rem", "data-kind": r.kind },
    h("div", { class: "rem-head" }, h("p", { class: "rem-title" }, r.title), state),
    h("p", { class: "rem-meta" }, h("span", { class: "caption" }, `${r.time} · ${relativeDay(ctx, r.date)}`), n.channels.map((c) => tag(enumLabel(lang, "channel", c), "neutral"))),
    actions.length > 0 ? h("div", { class: "rem-actions" }, actions) : null,
  );
}

/** The notices grouped by date (a heading per date); rows after the first {@link SHOWN} are hidden until expanded. */
function noticeList(ctx: ViewContext, notices: Notice[], status: HTMLElement): HTMLElement[] {
  const list = h("ol", { class: "rem-list" });
  let date = "";
  for (const n of notices) {
    if (n.first.date !== date) {
      date = n.first.date;
      list.append(h("li", { class: "rem-date" }, h("time", { datetime: date }, date)));
    }
    list.append(reminderItem(ctx, n, status));
  }
  const apply = (open: boolean): void => {
    const items = [...list.children] as HTMLElement[];
    let i = 0;
    for (const li of items) if (li.classList.contains("rem")) li.hidden = !open && i++ >= SHOWN;
    for (const li of items) if (li.classList.contains("rem-date")) li.hidden = (li.nextElementSibling as HTMLElement).hidden;
  };
  apply(false);
  if (notices.length <= SHOWN) return [list];
  const more = h("button", { type: "button", class: "btn btn-small btn-link", "aria-expanded": "false" }, ctx.t("showAll", { n: notices.length }));
  more.addEventListener("click", () => {
    const open = more.getAttribute("aria-expanded") !== "true";
    apply(open);
    more.setAttribute("aria-expanded", String(open));
    more.textContent = open ? ctx.t("showFewer") : ctx.t("showAll", { n: notices.length });
  });
  return [list, more];
}

/** The reminders card: upcoming notices merged across channels and grouped by date, and a collapsible delivery log. */
export function remindersCard(ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const { upcoming, log } = ctx.summary.reminders;
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const list = upcoming.length > 0 ? noticeList(ctx, mergeNotices(upcoming), status) : [h("p", { class: "caption" }, t("noReminders"))];
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
