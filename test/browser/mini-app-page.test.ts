/**
 * The workbench page in headless Chromium: login paths (demo, emulated DingTalk iOS, non-admin, 401 re-login),
 * states (empty, offline, error), dark mode, English, and screenshots in test-results/.
 * Assertions read only the page; the backend is the stub (swap `startStubApi` for the real server's adapter).
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  MOBILE, bridgeCalls, collectErrors, ensureMiniAppBuilt, launchChromium, newDingTalkContext, waitForState,
} from "./chromium.js";
import { startStubApi, type StubOptions, type TestBackend } from "./stub-api.js";

const CORP = "dingexamplecorp";
const RESULTS = new URL("../../test-results/", import.meta.url).pathname;

let browser: Browser;
const backends: TestBackend[] = [];

async function backend(opts: StubOptions): Promise<TestBackend> {
  const b = await startStubApi(opts);
  backends.push(b);
  return b;
}

async function openPlain(b: TestBackend, query = "", options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ ...MOBILE, ...options });
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/mini-app/${query}`);
  return page;
}

function bodyBackground(page: Page): Promise<string> {
  return page.evaluate("getComputedStyle(document.body).backgroundColor");
}

beforeAll(async () => {
  ensureMiniAppBuilt();
  mkdirSync(RESULTS, { recursive: true });
  browser = await launchChromium();
});

afterEach(async () => {
  for (const context of browser.contexts()) await context.close();
  await Promise.all(backends.splice(0).map((b) => b.close()));
});

afterAll(async () => {
  await browser?.close();
});

describe("outside DingTalk", () => {
  it("in demo mode shows the demo badge and the summary, with no page or console errors", async () => {
    const b = await backend({ demo: true });
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${b.baseUrl}/mini-app/`);
    await waitForState(page, "ready");
    await expect(page.locator(".demo-badge").textContent()).resolves.toBe("演示");
    await expect(page.getByRole("heading", { level: 2, name: "钉钉专业版软件服务合同" }).isVisible()).resolves.toBe(true);
    const main = (await page.locator("#app").textContent()) ?? "";
    expect(main).toContain("¥9,800.00");
    expect(main).toContain("玖仟捌佰元整");
    expect(main).toContain("还剩 30 天");
    expect(main).toContain("滞纳金累计 ¥548.80");
    const bar = page.getByRole("progressbar", { name: "电话会议 用量" });
    await expect(bar.getAttribute("aria-valuenow")).resolves.toBe("25");
    await expect(page.locator('.quota[data-metric="ding.messages"] .bar').getAttribute("class")).resolves.toContain("bar-warn");
    await expect(page.locator('.quota[data-metric="data_recovery.uses"] .bar').getAttribute("class")).resolves.toContain("bar-danger");
    await expect(page.locator('.quota[data-metric="phone_conference.minutes"] .bar').getAttribute("class")).resolves.toContain("bar-ok");
    expect(errors).toEqual([]);
  });

  it("without demo mode asks to open the page from the DingTalk workbench", async () => {
    const b = await backend({ demo: false });
    const page = await openPlain(b);
    await waitForState(page, "notInDingTalk");
    await expect(page.getByRole("heading", { name: "请从钉钉工作台打开此页面" }).isVisible()).resolves.toBe(true);
    await expect(page.locator(".demo-badge").count()).resolves.toBe(0);
  });

  it("shows how to import a contract when none exists yet", async () => {
    const b = await backend({ demo: true, withContract: false });
    const page = await openPlain(b);
    await waitForState(page, "empty");
    await expect(page.getByRole("heading", { name: "还没有导入合同" }).isVisible()).resolves.toBe(true);
    await expect(page.locator("pre.cmd code").textContent()).resolves.toBe("npm run cli -- contract import 合同.pdf");
    await expect(page.locator('input[type="file"]').count()).resolves.toBe(1);
  });
});

describe("in the emulated DingTalk iOS container", () => {
  it("logs the admin in with requestAuthCode({corpId}) and shows the summary", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"] });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "ready");
    const calls = await bridgeCalls(page);
    expect(calls.filter((c) => c.method === "runtime.permission.requestAuthCode")).toEqual([
      { method: "runtime.permission.requestAuthCode", params: { corpId: CORP } },
    ]);
    expect(calls.some((c) => c.method === "biz.navigation.setTitle")).toBe(true);
    await expect(page.locator(".demo-badge").count()).resolves.toBe(0);
    await expect(page.locator(".page-foot").textContent()).resolves.toContain("钉钉 iOS 7.6.0");
  });

  it("shows the admins-only page to a non-admin", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-staff"] });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "forbidden");
    await expect(page.getByRole("heading", { name: "仅管理员可见" }).isVisible()).resolves.toBe(true);
    await expect(page.locator("#app").textContent()).resolves.not.toContain("¥");
  });

  it("after a 401 signs in again silently with a fresh code and retries the request", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"] });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "ready");
    b.expireSessions();
    const statuses: number[] = [];
    page.on("response", (res) => {
      if (res.url().endsWith("/api/v1/usage")) statuses.push(res.status());
    });
    await page.getByLabel("本次用量（分钟）").fill("90");
    await page.getByRole("button", { name: "记录" }).click();
    await page.locator(".form-status-ok").waitFor();
    expect(statuses).toEqual([401, 200]);
    const codes = (await bridgeCalls(page)).filter((c) => c.method === "runtime.permission.requestAuthCode");
    expect(codes).toHaveLength(2);
    await expect(page.getByRole("progressbar", { name: "电话会议 用量" }).getAttribute("aria-valuenow")).resolves.toBe("27");
  });

  it("re-logs in only once: a second 401 ends in the error state with retry", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"] });
    const page = await context.newPage();
    let summaryCalls = 0;
    await page.route("**/api/v1/summary", (route) => {
      summaryCalls += 1;
      return route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "unauthenticated", message: "expired" } }) });
    });
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "error");
    expect(summaryCalls).toBe(2);
    await expect(page.getByRole("button", { name: "重试" }).isVisible()).resolves.toBe(true);
  });

  it("says the home URL lacks ?corpId= instead of calling DingTalk", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"] });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/`);
    await waitForState(page, "missingCorpId");
    expect((await bridgeCalls(page)).some((c) => c.method === "runtime.permission.requestAuthCode")).toBe(false);
  });

  it("shows an error with retry when the user cancels the DingTalk login", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"], cancelAuth: true });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "error");
    await expect(page.locator(".state-detail").textContent()).resolves.toBe("钉钉免登失败，请关闭页面后重新打开。");
  });
});

describe("states", () => {
  it("goes offline when the API is unreachable and recovers on retry", async () => {
    const b = await backend({ demo: true });
    const context = await browser.newContext(MOBILE);
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
    const b = await backend({ demo: true });
    const page = await (await browser.newContext(MOBILE)).newPage();
    let failures = 1;
    await page.route("**/api/v1/summary", (route) => {
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
    const b = await backend({ demo: true });
    const dark = await openPlain(b, "", { colorScheme: "dark" });
    await waitForState(dark, "ready");
    await expect(bodyBackground(dark)).resolves.toBe("rgb(17, 17, 18)");
    await dark.screenshot({ path: `${RESULTS}mini-app-dark.png`, fullPage: true });
    const light = await openPlain(b, "", { colorScheme: "light" });
    await waitForState(light, "ready");
    await expect(bodyBackground(light)).resolves.toBe("rgb(242, 242, 246)");
    await light.screenshot({ path: `${RESULTS}mini-app-light.png`, fullPage: true });
    await light.screenshot({ path: `${RESULTS}mini-app-light-top.png` });
  });

  it("follows DingTalk's dark theme from the UA (colorScheme/dark) even when the system is light", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"], darkUa: true }, { colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "ready");
    await expect(bodyBackground(page)).resolves.toBe("rgb(17, 17, 18)");
    await page.screenshot({ path: `${RESULTS}mini-app-dingtalk-dark-top.png` });
  });

  it("switches to English with ?lang=en", async () => {
    const b = await backend({ demo: true });
    const page = await openPlain(b, "?lang=en");
    await waitForState(page, "ready");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pro contract overview");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    const text = (await page.locator("#app").textContent()) ?? "";
    expect(text).toContain("30 days left");
    expect(text).toContain("Record usage");
    await expect(page.locator(".demo-badge").textContent()).resolves.toBe("Demo");
    await page.screenshot({ path: `${RESULTS}mini-app-en-top.png` });
  });

  it("uses English when the DingTalk container language is English", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-admin"], language: "en-US" });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "ready");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pro contract overview");
  });

  it("follows an English browser locale ('Admins only') and stays Chinese under zh-CN", async () => {
    const b = await backend({ demo: false });
    const context = await newDingTalkContext(browser, { authCodes: ["code-staff"] }, { locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${CORP}`);
    await waitForState(page, "forbidden");
    await expect(page.getByRole("heading", { level: 2 }).textContent()).resolves.toBe("Admins only");
    const zh = await openPlain(await backend({ demo: true }));
    await waitForState(zh, "ready");
    await expect(zh.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
  });
});
