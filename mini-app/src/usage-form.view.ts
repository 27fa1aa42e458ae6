/** The usage form: pick a recordable quota, enter an amount and a note; on success the bar updates in place. */
import { ApiError, OfflineError } from "./api-client.js";
import type { EntitlementView, QuotaView, UsageKind } from "./api-types.js";
import { checkAmount, recordKind } from "./input-check.js";
import { append, h, uid } from "./dom.js";
import { formatNumber, paren } from "./format.js";
import { quotaName, quotaRow, quotaUnit } from "./entitlements.view.js";
import { card, fold, type ViewContext } from "./view-kit.js";

interface Option {
  ent: EntitlementView;
  quota: QuotaView;
  kind: UsageKind;
}

function errorText(ctx: ViewContext, err: unknown): string {
  if (err instanceof OfflineError) return ctx.t("offlineTitle");
  return ctx.t("actionFailed", { message: err instanceof ApiError ? err.message : String(err) });
}

/** Renders the form, or null when the viewer is not an admin or no quota is recordable. */
export function usageFormCard(ctx: ViewContext): HTMLElement | null {
  const { t, lang, summary } = ctx;
  const contract = summary.contract;
  if (!contract || !summary.viewer.isAdmin) return null;
  const options: Option[] = [];
  for (const ent of summary.entitlements) {
    for (const quota of ent.quotas) {
      const kind = recordKind(quota);
      if (kind) options.push({ ent, quota, kind });
    }
  }
  if (options.length === 0) return card(t("usageForm"), "usage-card", h("p", { class: "caption" }, t("noRecordable")));

  const ids = { metric: uid("metric"), amount: uid("amount"), note: uid("note"), err: uid("amount-err") };
  const select = h(
    "select",
    { id: ids.metric, name: "metric", required: true },
    options.map((o) => h("option", { value: o.quota.metric }, `${quotaName(ctx, o.ent, o.quota)}${paren(lang, quotaUnit(ctx, o.quota))}`)),
  );
  const amountLabel = h("label", { for: ids.amount });
  const amount = h("input", {
    id: ids.amount, name: "amount", type: "text", inputmode: "decimal", autocomplete: "off", required: true, "aria-describedby": ids.err,
  });
  const note = h("input", { id: ids.note, name: "note", type: "text", maxlength: 200, autocomplete: "off" });
  const fieldError = h("p", { id: ids.err, class: "field-error", role: "alert" });
  const status = h("div", { class: "form-status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "btn btn-primary" }, t("submit"));
  const current = (): Option => options.find((o) => o.quota.metric === select.value) ?? options[0];
  const syncLabel = (): void => {
    const o = current();
    amountLabel.textContent = t(o.kind === "delta" ? "kindDelta" : "kindReading", { unit: quotaUnit(ctx, o.quota) });
  };
  select.addEventListener("change", syncLabel);
  syncLabel();

  const form = h(
    "form",
    { class: "usage-form", novalidate: true },
    h("div", { class: "field" }, h("label", { for: ids.metric }, t("metric")), select),
    h("div", { class: "field" }, amountLabel, amount, fieldError),
    h("div", { class: "field" }, h("label", { for: ids.note }, t("note")), note),
    button,
    status,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    const o = current();
    const check = checkAmount(amount.value, o.kind);
    if (!check.ok) {
      fieldError.textContent = t(check.error);
      amount.setAttribute("aria-invalid", "true");
      amount.focus();
      return;
    }
    fieldError.textContent = "";
    amount.removeAttribute("aria-invalid");
    button.disabled = true;
    button.textContent = t("submitting");
    status.textContent = "";
    status.className = "form-status";
    try {
      const noteText = note.value.trim();
      const result = await ctx.client.recordUsage({
        contractId: contract!.id, metric: o.quota.metric, amount: check.value, kind: o.kind, ...(noteText ? { note: noteText } : {}),
      }, lang);
      const index = o.ent.quotas.indexOf(o.quota);
      if (index >= 0) o.ent.quotas[index] = result.quota;
      o.quota = result.quota;
      const name = quotaName(ctx, o.ent, result.quota);
      const next = quotaRow(ctx, name, result.quota, o.ent.quotas.length > 1 || name !== o.ent.name);
      const old = ctx.quotaNodes.get(o.quota.metric);
      if (old) old.replaceWith(next);
      ctx.quotaNodes.set(o.quota.metric, next);
      const unit = quotaUnit(ctx, result.quota);
      const shownNote = result.quota.lastEntry?.note ?? noteText;
      const left = result.quota.remaining ?? result.quota.limit - (result.quota.used ?? 0);
      append(status, [
        h("p", null, t("recorded", { name, amount: formatNumber(lang, check.value), unit }), left >= 0 ? t("recordedLeft", { n: formatNumber(lang, left), unit }) : null),
        shownNote ? h("p", { class: "note-echo" }, t("recordedNote", { note: shownNote })) : null,
        result.flagged ? h("p", { class: "tone-danger" }, t("flagged")) : null,
      ]);
      status.classList.add("form-status-ok");
      amount.value = "";
      note.value = "";
    } catch (err) {
      status.textContent = errorText(ctx, err);
      status.classList.add("form-status-error");
    } finally {
      button.disabled = false;
      button.textContent = t("submit");
    }
  }

  return card(t("usageForm"), "usage-card", fold(ctx, t("usageFold"), form));
}
