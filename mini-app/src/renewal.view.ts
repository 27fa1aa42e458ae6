/**
 * The renewal actions shared by the attention item, the contract card and the renewal reminders: 「已续费」 records
 * the declaration as 「已续费」 in chat does (renewal and deletion reminders stop), 「上传续约合同」 opens the upload
 * form, whose contract the server links as this one's renewal (same customer).
 */
import { ApiError, OfflineError } from "./api-client.js";
import { h, uid } from "./dom.js";
import { uploadForm } from "./states.view.js";
import type { ViewContext } from "./view-kit.js";

/** Text of a failed action: offline, the server's message, or the error itself. */
export function failureText(ctx: ViewContext, err: unknown): string {
  return ctx.t("actionFailed", { message: err instanceof OfflineError ? ctx.t("offlineTitle") : err instanceof ApiError ? err.message : String(err) });
}

/** The 「已续费」 button: declares the contract renewed, then reloads the page; failures go to `status`. */
export function renewedButton(ctx: ViewContext, status: HTMLElement, primary = true): HTMLButtonElement {
  const c = ctx.summary.contract!;
  const button = h("button", { type: "button", class: `btn btn-small${primary ? " btn-primary" : ""}`, "data-action": "renewed" }, ctx.t("renewedAction"));
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = "";
    ctx.client
      .declareRenewal({ contractId: c.id, declaration: "renewed" })
      .then(async () => {
        status.textContent = ctx.t("renewedDone");
        await ctx.reload();
      })
      .catch((err: unknown) => {
        status.textContent = failureText(ctx, err);
        button.disabled = false;
      });
  });
  return button;
}

/** The 「上传续约合同」 toggle and its (hidden until asked) upload form, as [button, form]. */
export function renewalUpload(ctx: ViewContext): [HTMLButtonElement, HTMLElement] {
  const id = uid("renew-upload");
  const form = uploadForm(ctx.t, ctx.client, ctx.reload, ctx.t("uploadRenewalHint"), ctx.t("uploadRenewal"));
  const panel = h("div", { id, class: "renew-upload", hidden: true }, form);
  const button = h("button", { type: "button", class: "btn btn-small", "aria-expanded": "false", "aria-controls": id, "data-action": "upload-renewal" }, ctx.t("uploadRenewal"));
  button.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) panel.querySelector("input")?.focus();
  });
  return [button, panel];
}

/** Whether the page offers the renewal actions: a contract not yet renewed or terminated. */
export function renewalOpen(ctx: ViewContext): boolean {
  const st = ctx.summary.contract?.status;
  return !!st && st !== "renewed" && st !== "terminated" && st !== "draft";
}
