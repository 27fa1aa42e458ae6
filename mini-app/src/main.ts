/**
 * Bootstrap of the workbench page: theme → container → language → session → summary → render (the dashboard).
 * Always ends in a visible state (summary, empty, admins-only, not-in-DingTalk, error or offline) and clears
 * `aria-busy`; `#app[data-state]` names the state for tests.
 */
import "./styles.css";
import { ApiClient, ApiError, OfflineError } from "./api-client.js";
import type { SessionRequest, Summary } from "./api-types.js";
import { attentionCard } from "./attention.view.js";
import { chartsCard } from "./charts.view.js";
import { contractCard } from "./contract.view.js";
import { detectContainer, requestAuthCode, setNavTitle, type ContainerInfo } from "./dingtalk-bridge.js";
import { h, replaceChildren } from "./dom.js";
import { entitlementsCard } from "./entitlements.view.js";
import { businessDate, formatInstant } from "./format.js";
import { enumLabel, pickLang, translator, type Lang, type Translate } from "./i18n.js";
import { remindersCard, renewalsCard } from "./reminders.view.js";
import { emptyCard, skeleton, stateView, type StateKind } from "./states.view.js";
import { applyTheme } from "./theme.js";
import { termAxisCard } from "./term-axis.view.js";
import { tilesRow } from "./tiles.view.js";
import { consequencesCard } from "./timeline.view.js";
import { usageFormCard } from "./usage-form.view.js";
import type { ViewContext } from "./view-kit.js";

/** Thrown when DingTalk itself refused to give a login code. */
class AuthCodeError extends Error {}

function pageHeader(t: Translate, summary: Summary): HTMLElement {
  return h(
    "header",
    { class: "page-head" },
    h(
      "div",
      { class: "page-head-text" },
      summary.org ? h("p", { class: "eyebrow" }, summary.org.name) : null,
      h("h1", { class: "page-title" }, t("pageTitle")),
      h("p", { class: "viewer" }, t("viewerLine", { name: summary.viewer.name })),
    ),
    summary.demo ? h("span", { class: "demo-badge", title: t("demoHint") }, t("demoBadge")) : null,
  );
}

function pageFooter(t: Translate, lang: Lang, container: ContainerInfo, summary: Summary): HTMLElement {
  const at = formatInstant(summary.generatedAt ?? new Date().toISOString());
  const where = [enumLabel(lang, "platform", container.platform), container.inDingTalk ? container.version : null].filter(Boolean).join(" ");
  return h("footer", { class: "page-foot" }, `${t("footer", { at })} · ${where}`);
}

/** Builds the dashboard into `root`: attention and key figures on top, then charts and details (two columns on PC). */
function renderSummary(root: HTMLElement, ctx: ViewContext, container: ContainerInfo): void {
  const { summary, t } = ctx;
  ctx.quotaNodes.clear();
  const sections: (HTMLElement | null)[] = [pageHeader(t, summary)];
  if (!summary.contract) {
    sections.push(emptyCard(t, ctx.client, ctx.reload));
  } else {
    const column = (cls: string, ...cards: (HTMLElement | null)[]): HTMLElement => h("div", { class: `col ${cls}` }, cards);
    sections.push(
      h("div", { class: "top" }, attentionCard(ctx), tilesRow(ctx)),
      h(
        "div",
        { class: "cols" },
        column("col-a", chartsCard(ctx), termAxisCard(ctx), usageFormCard(ctx)),
        column("col-b", remindersCard(ctx), contractCard(ctx, summary.contract), entitlementsCard(ctx), consequencesCard(ctx), renewalsCard(ctx)),
      ),
    );
  }
  sections.push(pageFooter(t, ctx.lang, container, summary));
  replaceChildren(root, sections);
}

function start(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const container = detectContainer();
  applyTheme(container.platform);
  const lang: Lang = pickLang(params.get("lang"), container.language, navigator.language);
  const t = translator(lang);
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = t("pageTitle");
  if (container.inDingTalk) setNavTitle(t("pageTitle"));
  const corpId = params.get("corpId");

  const credentials = async (): Promise<SessionRequest> => {
    if (!container.inDingTalk) return { demo: true };
    try {
      return { authCode: await requestAuthCode(corpId ?? ""), corpId: corpId ?? "" };
    } catch (err) {
      throw new AuthCodeError(err instanceof Error ? err.message : JSON.stringify(err));
    }
  };
  const client = new ApiClient(credentials);
  let state = "loading";

  const show = (next: string, ...content: HTMLElement[]): void => {
    state = next;
    root.setAttribute("data-state", next);
    replaceChildren(root, content);
  };
  const showState = (kind: StateKind, detail: string | null, retry: boolean): void =>
    show(kind, stateView(t, kind, detail, retry ? () => void load(true) : null));

  async function load(withSkeleton: boolean): Promise<void> {
    root!.setAttribute("aria-busy", "true");
    if (withSkeleton) show("loading", skeleton(t));
    try {
      if (container.inDingTalk && !corpId) return showState("missingCorpId", null, false);
      if (navigator.onLine === false) return showState("offline", null, true);
      let session;
      try {
        session = await client.login();
      } catch (err) {
        if (!container.inDingTalk && err instanceof ApiError && (err.status === 403 || err.status === 404)) {
          return showState("notInDingTalk", null, false);
        }
        throw err;
      }
      if (!session.user.isAdmin) return showState("forbidden", null, false);
      const summary = await client.summary(lang);
      const ctx: ViewContext = {
        lang, t, client, summary,
        today: businessDate(summary.generatedAt ? new Date(summary.generatedAt) : new Date()),
        quotaNodes: new Map(),
        wide: matchMedia("(min-width: 1024px)").matches,
        reload: () => load(false),
      };
      const scroll = window.scrollY;
      renderSummary(root!, ctx, container);
      state = summary.contract ? "ready" : "empty";
      root!.setAttribute("data-state", state);
      root!.classList.toggle("is-demo", summary.demo);
      window.scrollTo(0, scroll);
      performance.mark("steward:rendered");
    } catch (err) {
      if (err instanceof OfflineError) showState("offline", null, true);
      else if (err instanceof ApiError && err.code === "forbidden") showState("forbidden", null, false);
      else if (err instanceof AuthCodeError) showState("error", t("loginFailedText"), true);
      else showState("error", err instanceof Error ? err.message : String(err), true);
    } finally {
      root!.removeAttribute("aria-busy");
    }
  }

  window.addEventListener("online", () => {
    if (state === "offline") void load(true);
  });
  void load(false);
}

start();
