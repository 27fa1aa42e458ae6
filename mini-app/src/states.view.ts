/** Whole-page states: loading skeleton, not in DingTalk, admins only, error, offline, and "no contract yet". */
import { ApiError, OfflineError, type ApiClient } from "./api-client.js";
import { h, uid } from "./dom.js";
import type { Translate } from "./i18n.js";
import { card } from "./view-kit.js";

/** The grey placeholder cards shown while loading (mirrors the static markup in index.html). */
export function skeleton(t: Translate): HTMLElement {
  const block = (lines: number): HTMLElement =>
    h("div", { class: "card skeleton", "aria-hidden": "true" }, Array.from({ length: lines }, (_, i) => h("span", { class: `sk-line sk-${i % 3}` })));
  return h("div", { class: "skeletons" }, h("p", { class: "sr-only" }, t("loading")), block(4), block(3), block(3));
}

/** Kinds of full-page messages. */
export type StateKind = "notInDingTalk" | "missingCorpId" | "forbidden" | "error" | "offline";

const ICONS: Record<StateKind, string> = { notInDingTalk: "📱", missingCorpId: "🔗", forbidden: "🔒", error: "⚠️", offline: "📶" };
const TITLES = {
  notInDingTalk: "notInDingTalkTitle", missingCorpId: "missingCorpIdTitle", forbidden: "forbiddenTitle", error: "errorTitle", offline: "offlineTitle",
} as const;
const TEXTS = {
  notInDingTalk: "notInDingTalkText", missingCorpId: "missingCorpIdText", forbidden: "forbiddenText", error: "errorText", offline: "offlineText",
} as const;

/** A centred message with an icon, an optional detail line (server text) and an optional retry button. */
export function stateView(t: Translate, kind: StateKind, detail: string | null, onRetry: (() => void) | null): HTMLElement {
  const retry = onRetry ? h("button", { type: "button", class: "btn btn-primary" }, t("retry")) : null;
  if (retry && onRetry) retry.addEventListener("click", onRetry);
  return h(
    "section",
    { class: `state state-${kind}`, role: kind === "error" || kind === "offline" ? "alert" : "region", "aria-labelledby": "state-title" },
    h("div", { class: "state-icon", "aria-hidden": "true" }, ICONS[kind]),
    h("h2", { id: "state-title", class: "state-title" }, t(TITLES[kind])),
    h("p", { class: "state-text" }, t(TEXTS[kind])),
    detail ? h("p", { class: "state-detail" }, detail) : null,
    retry,
  );
}

/** A contract upload form (multipart `file`); after an import it reloads the page. */
export function uploadForm(t: Translate, client: ApiClient, reload: () => Promise<void>, label: string, submit: string): HTMLElement {
  const id = uid("contract-file");
  const input = h("input", { id, type: "file", accept: ".pdf,.docx,.txt,application/pdf", class: "file-input" });
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "btn btn-primary" }, submit);
  const form = h("form", { class: "upload-form" }, h("label", { for: id }, label), input, button, status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      status.textContent = t("uploadNoFile");
      return;
    }
    button.disabled = true;
    status.textContent = t("uploading");
    client
      .importContract(file)
      .then(async () => {
        status.textContent = t("uploadDone");
        await reload();
      })
      .catch((err: unknown) => {
        const message = err instanceof OfflineError ? t("offlineTitle") : err instanceof ApiError ? err.message : String(err);
        status.textContent = t("uploadFailed", { message });
        button.disabled = false;
      });
  });
  return form;
}

/** "No contract yet": how to import one from the CLI, and an upload form. */
export function emptyCard(t: Translate, client: ApiClient, reload: () => Promise<void>): HTMLElement {
  return card(
    t("emptyTitle"),
    "empty-card",
    h("p", null, t("emptyText")),
    h("p", { class: "caption" }, t("emptyCli")),
    h("pre", { class: "cmd" }, h("code", null, t("emptyCommand"))),
    uploadForm(t, client, reload, t("emptyUpload"), t("uploadButton")),
  );
}
