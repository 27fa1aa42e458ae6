/**
 * The workbench page in headless Chromium against the REAL steward (started in-process, SQLite :memory:):
 * demo mode, not-in-DingTalk, empty state, offline and server errors (forced with Playwright routing in front of
 * the real server), dark mode, English (server-localized texts too) and screenshots in test-results/
 * (the README screenshots in docs/screenshots/ come from mini-app-dashboard.test.ts). Login inside DingTalk: mini-app-login.test.ts.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { MOBILE, collectErrors, newDingTalkContext, openFolds, waitForState, type DingTalkEmulation, chromiumSuite } from "./chromium.js";
import { REAL_CORP_ID, startRealBackend, type RealBackend, type RealBackendOptions, type Role } from "./real-backend.js";

const RESULTS = new URL("../../test-results/", import.meta.url).pathname;
const DOC_SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;

const suite = chromiumSuite();

async function backend(opts: RealBackendOptions): Promise<RealBackend> {
  const b = await startRealBackend(opts);
  suite.track(b);
  return b;
}

async function openPlain(b: RealBackend, query = "", options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await suite.browser.newContext({ ...MOBILE, ...options });
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/mini-app/${query}`);
  return page;
}

async function openInDingTalk(b: RealBackend, role: Role, emulation: Partial<DingTalkEmulation> = {}, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await newDingTalkContext(suite.browser, { mintCode: () => b.mintCodes(role)[0]!, ...emulation }, options);
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/mini-app/?corpId=${REAL_CORP_ID}`);
  return page;
}

function bodyBackground(page: Page): Promise<string> {
  return page.evaluate("getComputedStyle(document.body).backgroundColor");
}

/** Saves a screenshot in test-results/, and in docs/screenshots/ too when UPDATE_SCREENSHOTS=1. */
async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; docName?: string } = {}): Promise<void> {
  await page.screenshot({ path: `${RESULTS}${name}`, fullPage: opts.fullPage ?? false });
  if (opts.docName && process.env.UPDATE_SCREENSHOTS === "1") copyFileSync(`${RESULTS}${name}`, `${DOC_SHOTS}${opts.docName}`);
}

beforeAll(() => {
  mkdirSync(RESULTS, { recursive: true });
});

describe("outside DingTalk", () => {
  it("in demo mode shows the demo badge and the seeded summary, with no page or console errors", async () => {
    const b = await backend({ mode: "demo" });
    const context = await suite.browser.newContext(MOBILE);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${b.baseUrl}/mini-app/`);
    await waitForState(page, "ready");
    await openFolds(page);
    await expect(page.locator(".demo-badge").textContent()).resolves.toBe("演示");
    await expect(page.getByRole("heading", { level: 2, name: "钉钉专业版软件服务合同" }).isVisible()).resolves.toBe(true);
    const main = (await page.locator("#app").textContent()) ?? "";
    expect(main).toContain("¥9,800.00");
    expect(main).toContain("玖仟捌佰元整");
    expect(main).toContain("还剩 30 天");
    expect(main).toContain("滞纳金累计 ¥548.80");
    expect(main).toContain("演示管理员");
    const bar = page.getByRole("progressbar", { name: "电话会议 用量" });
    await expect(bar.getAttribute("aria-valuenow")).resolves.toBe("25");
    await expect(page.locator('.quota[data-metric="ding.messages"] .bar').getAttribute("class")).resolves.toContain("bar-warn");
    await expect(page.locator('.quota[data-metric="data_recovery.uses"] .bar').getAttribute("class")).resolves.toContain("bar-danger");
    await expect(page.locator('.quota[data-metric="phone_conference.minutes"] .bar').getAttribute("class")).resolves.toContain("bar-ok");
    expect(errors).toEqual([]);
  });

  it("renders the server's own demo seed on a fresh database (STEWARD_DEMO_SEED=auto)", async () => {
    const b = await backend({ mode: "demo", contract: "demo-seed" });
    const page = await openPlain(b);
    await waitForState(page, "ready");
    await expect(page.locator(".demo-badge").textContent()).resolves.toBe("演示");
    await expect(page.locator(".page-head .eyebrow").textContent()).resolves.toBe("示例贸易（上海）有限公司");
    await expect(page.locator('.quota[data-metric="storage.capacity_gb"]').count()).resolves.toBe(1);
  });

  it("without demo mode (DingTalk credentials set) asks to open the page from the DingTalk workbench", async () => {
    const b = await backend({ mode: "dingtalk" });
    const page = await openPlain(b);
    await waitForState(page, "notInDingTalk");
    await expect(page.getByRole("heading", { name: "请从钉钉工作台打开此页面" }).isVisible()).resolves.toBe(true);
    await expect(page.locator(".demo-badge").count()).resolves.toBe(0);
    expect(b.codeExchanges()).toBe(0);
  });

  it("shows how to import a contract when none exists yet", async () => {
    const b = await backend({ mode: "demo", contract: "none" });
    const page = await openPlain(b);
    await waitForState(page, "empty");
    await expect(page.getByRole("heading", { name: "还没有导入合同" }).isVisible()).resolves.toBe(true);
    await expect(page.locator("pre.cmd code").textContent()).resolves.toBe("npm run cli -- contract import 合同.pdf");
    await expect(page.locator('input[type="file"]').count()).resolves.toBe(1);
  });
});

describe("states (failures forced in front of the real server)", () => {
  it("goes offline when the API is unreachable and recovers on retry", async () => {
    const b = await backend({ mode: "demo" });
    const context = await suite.browser.newContext(MOBILE);
    const page = await context.newPage();
    await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
    await page.goto(`${b.baseUrl}/mini-app/`);
    await waitForState(page, "offline");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("网络已断开");
    await page.unroute("**/api/**");
    await page.getByRole("button", { name: "重试" }).click();
    await waitForState(page, "ready");
  });

  it("shows the server's error message with a retry that works", async () => {
    const b = await backend({ mode: "demo" });
    const page = await (await suite.browser.newContext(MOBILE)).newPage();
    let failures = 1;
    await page.route("**/api/v1/summary*", (route) => {
      if (failures-- > 0) {
        return route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "database_unavailable", message: "数据库暂不可用，请稍后重试" } }) });
      }
      return route.fallback();
    });
    await page.goto(`${b.baseUrl}/mini-app/`);
    await waitForState(page, "error");
    await expect(page.locator(".state-detail").textContent()).resolves.toBe("数据库暂不可用，请稍后重试");
    await page.getByRole("button", { name: "重试" }).click();
    await waitForState(page, "ready");
  });
});

describe("theme and language", () => {
  it("uses the dark DingTalk background under prefers-color-scheme: dark, and light otherwise", async () => {
    const b = await backend({ mode: "demo" });
    const dark = await openPlain(b, "", { colorScheme: "dark" });
    await waitForState(dark, "ready");
    await expect(bodyBackground(dark)).resolves.toBe("rgb(17, 17, 18)");
    await screenshot(dark, "mini-app-dark.png", { fullPage: true });
    const light = await openPlain(b, "", { colorScheme: "light" });
    await waitForState(light, "ready");
    await expect(bodyBackground(light)).resolves.toBe("rgb(242, 242, 246)");
    await screenshot(light, "mini-app-light.png", { fullPage: true });
    await screenshot(light, "mini-app-light-demo-top.png");
  });

  it("follows DingTalk's dark theme from the UA (colorScheme/dark) even when the system is light", async () => {
    const b = await backend({ mode: "dingtalk" });
    const page = await openInDingTalk(b, "admin", { darkUa: true }, { colorScheme: "light" });
    await waitForState(page, "ready");
    await expect(bodyBackground(page)).resolves.toBe("rgb(17, 17, 18)");
    await screenshot(page, "mini-app-dingtalk-dark-top.png");
    const light = await openInDingTalk(b, "admin", {}, { colorScheme: "light" });
    await waitForState(light, "ready");
    await expect(bodyBackground(light)).resolves.toBe("rgb(242, 242, 246)");
    await screenshot(light, "mini-app-dingtalk-light-top.png");
  });

  it("switches to English with ?lang=en, and asks the server for English texts too", async () => {
    const b = await backend({ mode: "demo" });
    const context = await suite.browser.newContext(MOBILE);
    const page = await context.newPage();
    const summaryUrls: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).pathname === "/api/v1/summary") summaryUrls.push(req.url());
    });
    await page.goto(`${b.baseUrl}/mini-app/?lang=en`);
    await waitForState(page, "ready");
    expect(summaryUrls.map((u) => new URL(u).searchParams.get("lang"))).toEqual(["en"]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pro contract overview");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    const text = (await page.locator("#app").textContent()) ?? "";
    expect(text).toContain("30 days left");
    expect(text).toContain("Record usage");
    expect(text).toContain("Chat history falls back");
    expect(text).not.toContain("聊天记录回落");
    await expect(page.locator(".demo-badge").textContent()).resolves.toBe("Demo");
    await screenshot(page, "mini-app-en-top.png");
  });

  it("in English shows no Chinese in the entitlement list and no internal reminder keys anywhere", async () => {
    const b = await backend({ mode: "demo" });
    const page = await openPlain(b, "?lang=en");
    await waitForState(page, "ready");
    await openFolds(page);
    const list = (await page.locator(".entitlements-card").innerText()) ?? "";
    expect(list).toContain("Phone conferencing");
    expect(list).toContain("Drive storage");
    expect(list).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u);
    const chips = await page.locator(".entitlements-card .chip").evaluateAll((els) => els.map((e) => `${e.textContent} ${e.getAttribute("title")}`));
    for (const chip of chips) expect(chip).not.toMatch(/[\u3400-\u9fff]/u);
    const all = (await page.locator("#app").innerText()) ?? "";
    expect(all).not.toMatch(/[A-Za-z]+[-+]\d+@\d{4}/);
    expect(all).not.toMatch(/fix@|read@/);
    const reminders = (await page.locator(".rem-card").innerText()) ?? "";
    expect(reminders).toMatch(/DingTalk Pro expires in \d+ days? \(2024-05-05\)/);
    const zh = await openPlain(b);
    await waitForState(zh, "ready");
    const zhText = (await zh.locator("#app").innerText()) ?? "";
    expect(zhText).not.toMatch(/[A-Za-z]+[-+]\d+@\d{4}|fix@|read@/);
    expect(zhText).not.toContain("自助");
  });

  it("uses English when the DingTalk container language is English", async () => {
    const b = await backend({ mode: "dingtalk" });
    const page = await openInDingTalk(b, "admin", { language: "en-US" });
    await waitForState(page, "ready");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pro contract overview");
    await expect(page.locator("#app").textContent()).resolves.toContain("Chat history falls back");
  });

  it("follows an English browser locale ('Admins only') and stays Chinese under zh-CN", async () => {
    const b = await backend({ mode: "dingtalk" });
    const page = await openInDingTalk(b, "staff", {}, { locale: "en-US" });
    await waitForState(page, "forbidden");
    await expect(page.getByRole("heading", { level: 2 }).textContent()).resolves.toBe("Admins only");
    const zh = await openPlain(await backend({ mode: "demo" }));
    await waitForState(zh, "ready");
    await expect(zh.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    await expect(zh.locator("#app").textContent()).resolves.toContain("聊天记录回落");
  });
});
