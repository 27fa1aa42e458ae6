/**
 * The workbench page as a dashboard in headless Chromium against the REAL steward (demo mode, the server's own
 * demo seed): at 375×812 and 1280×800, light and dark, Chinese and English — attention items and key figures in
 * the first viewport, one chart point per seeded ledger entry, text contrast ≥ 4.5:1, touch targets ≥ 44 px, nothing wider than the viewport (320 px too), three
 * reminder rows until expanded, 「已续费」 from the page stopping the renewal reminders, and non-admins seeing
 * nothing. Screenshots go to test-results/ (`UPDATE_SCREENSHOTS=1` also refreshes docs/screenshots/).
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumSuite, collectErrors, MOBILE, newDingTalkContext, openFolds, waitForState } from "./chromium.js";
import { LOW_CONTRAST_TEXT } from "./contrast.js";
import { REAL_CORP_ID, startRealBackend, type RealBackend } from "./real-backend.js";

const RESULTS = new URL("../../test-results/", import.meta.url).pathname;
const DOC_SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const suite = chromiumSuite();

/** Ledger entries the demo seed writes per metric inside the current window (config/demo-contract.txt + seedDemo). */
const SEEDED_POINTS: Record<string, number> = { "ding.messages": 3, "ding.in_app": 0, "phone_conference.minutes": 2, "storage.capacity_gb": 3, "api.calls": 1 };
const VIEWPORTS = { phone: { width: 375, height: 812 }, pc: { width: 1280, height: 800 } } as const;
const CJK = /[\u3400-\u9fff\uff00-\uffef]/u;

let demo: RealBackend;
beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  demo = await startRealBackend({ mode: "demo", contract: "demo-seed" });
});
afterAll(async () => demo?.close());

async function open(b: RealBackend, viewport: { width: number; height: number }, opts: { dark?: boolean; lang?: "en" } = {}): Promise<Page> {
  const phone = viewport.width < 1024;
  const context = await suite.browser.newContext({ ...MOBILE, isMobile: phone, hasTouch: phone, deviceScaleFactor: phone ? 2 : 1, viewport, colorScheme: opts.dark ? "dark" : "light" });
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/mini-app/${opts.lang ? `?lang=${opts.lang}` : ""}`);
  await waitForState(page, "ready");
  return page;
}

/** Elements whose right edge passes the viewport (visible ones only), as `tag.class` strings. */
const OVERFLOWING = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push("document " + document.documentElement.scrollWidth + "px");
  for (const el of document.querySelectorAll("#app *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || el.closest(".sr-only")) continue;
    if (r.right > width + 0.5 || r.left < -0.5) out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
  }
  return out;
})()`;

function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOWING);
}

async function bottom(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box.y + box.height;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${RESULTS}${name}` });
  if (process.env.UPDATE_SCREENSHOTS === "1") copyFileSync(`${RESULTS}${name}`, `${DOC_SHOTS}${name}`);
}

describe("dashboard layout", () => {
  const cases = (["phone", "pc"] as const).flatMap((v) => [false, true].flatMap((dark) => [undefined, "en" as const].map((lang) => ({ v, dark, lang }))));
  it.each(cases)("$v dark=$dark lang=$lang: attention and tiles in the first screen, one point per ledger entry, no overflow", async ({ v, dark, lang }) => {
    const viewport = VIEWPORTS[v];
    const page = await open(demo, viewport, { dark, lang });
    const errors = collectErrors(page);
    expect(await bottom(page, ".attention")).toBeLessThanOrEqual(viewport.height);
    expect(await bottom(page, ".tiles-wrap")).toBeLessThanOrEqual(viewport.height);
    await expect(page.locator(".att").count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(page.locator(".tile").evaluateAll((els) => els.map((e) => e.getAttribute("data-tile")))).resolves.toEqual(
      ["days", "storage.capacity_gb", "api.calls", "ding.messages", "phone_conference.minutes"],
    );
    const charts = await page.locator(".charts-card .chart-fig").evaluateAll((figs) =>
      figs.map((f) => ({ metric: f.getAttribute("data-metric"), points: f.querySelectorAll("svg.chart .pt").length, title: f.querySelector("svg title")?.textContent ?? "", label: f.querySelector("svg")?.getAttribute("aria-label") })),
    );
    expect(Object.fromEntries(charts.map((c) => [c.metric, c.points]))).toEqual(SEEDED_POINTS);
    for (const c of charts) expect(c.title).toBe(c.label);
    await expect(page.locator(".axis-card svg[role=img] > title").count()).resolves.toBe(1);
    expect(await overflowing(page)).toEqual([]);
    if (v === "phone") expect(await page.evaluate("document.documentElement.scrollHeight")).toBeLessThanOrEqual(viewport.height * 4.75);
    if (lang === "en") {
      for (const part of [".top", ".charts-card", ".axis-card", ".rem-card .rem-meta"]) {
        const text = (await page.locator(part).first().innerText()) ?? "";
        expect(text, part).not.toMatch(CJK);
      }
    }
    if (!lang) await shot(page, `page-${v}-${dark ? "dark" : "light"}.png`);
    await openFolds(page);
    expect(await page.evaluate(LOW_CONTRAST_TEXT)).toEqual([]);
    const small = await page.locator("#app :is(button, summary, select, input, a):visible").evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => `${e.tagName} ${e.textContent?.trim().slice(0, 20)}`),
    );
    expect(small).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("fits 320 px with DingTalk's large font (the page zoomed 1.25×, stricter than text scaling) and every fold open", async () => {
    const page = await open(demo, { width: 320, height: 640 });
    await page.evaluate('document.documentElement.style.zoom = "1.25"');
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    expect(await overflowing(page)).toEqual([]);
  });

  it("fits 320 px in English, every fold open", async () => {
    const page = await open(demo, { width: 320, height: 640 }, { lang: "en" });
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    expect(await overflowing(page)).toEqual([]);
  });

  it("fits 320 px without horizontal scroll, with every fold, reminder and upload form opened too", async () => {
    const page = await open(demo, { width: 320, height: 640 });
    expect(await overflowing(page)).toEqual([]);
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    await page.getByRole("button", { name: /^查看全部 \d+ 条$/ }).click();
    for (const b of await page.locator("[data-action=upload-renewal]").all()) await b.click();
    await expect(page.locator(".renew-upload:not([hidden]) input[type=file]").count()).resolves.toBe(2);
    expect(await overflowing(page)).toEqual([]);
  });
});

describe("reminders", () => {
  it("shows one row per notice with channel badges, three until 「查看全部 N 条」", async () => {
    const page = await open(demo, VIEWPORTS.phone);
    const rows = page.locator(".rem-card .rem");
    const total = await rows.count();
    expect(total).toBeGreaterThan(3);
    await expect(page.locator(".rem-card .rem:not([hidden])").count()).resolves.toBe(3);
    const keys = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-kind")} ${e.querySelector(".rem-title")?.textContent} ${e.querySelector(".caption")?.textContent}`));
    expect(new Set(keys).size).toBe(keys.length);
    await page.getByRole("button", { name: `查看全部 ${total} 条` }).click();
    await expect(page.locator(".rem-card .rem:not([hidden])").count()).resolves.toBe(total);
    const less = page.getByRole("button", { name: "收起" });
    await expect(less.getAttribute("aria-expanded")).resolves.toBe("true");
    await less.click();
    await expect(page.locator(".rem-card .rem:not([hidden])").count()).resolves.toBe(3);
    const first = page.locator('.rem-card .rem[data-kind="renewal"]').first();
    await expect(first.locator(".btn").first().getAttribute("data-action")).resolves.toBe("renewed");
    await expect(first.locator(".btn").first().getAttribute("class")).resolves.toContain("btn-primary");
  });
});

describe("renewal on the page", () => {
  async function upcomingKinds(b: RealBackend): Promise<string[]> {
    const session = await fetch(`${b.baseUrl}/api/miniapp/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
    const { data } = (await session.json()) as { data: { token: string } };
    const res = await fetch(`${b.baseUrl}/api/v1/reminders/upcoming`, { headers: { authorization: `Bearer ${data.token}` } });
    return ((await res.json()) as { data: { kind: string }[] }).data.map((r) => r.kind);
  }

  it("「已续费」 on the attention item (reached and pressed with the keyboard) records the renewal and stops the renewal reminders", async () => {
    const b = suite.track(await startRealBackend({ mode: "demo", contract: "demo-seed" }));
    expect(await upcomingKinds(b)).toContain("renewal");
    const page = await open(b, VIEWPORTS.phone);
    const item = page.locator('.att[data-kind="renewal"]');
    await expect(item.locator(".att-title").textContent()).resolves.toBe("30 天后到期，尚未续费");
    await item.getByRole("button", { name: "上传续约合同" }).click();
    await expect(item.locator(".renew-upload input[type=file]").isVisible()).resolves.toBe(true);
    let tabs = 0;
    while (!(await page.evaluate('document.activeElement?.matches(".att [data-action=renewed]") ?? false')) && tabs++ < 6) await page.keyboard.press("Shift+Tab");
    expect(tabs).toBeLessThan(6);
    await page.keyboard.press("Enter");
    await page.locator(".contract-card .tag-ok", { hasText: "已续费" }).waitFor();
    await expect(page.locator('.att[data-kind="renewal"]').count()).resolves.toBe(0);
    await expect(page.locator(".contract-card [data-action=renewed]").count()).resolves.toBe(0);
    expect(await upcomingKinds(b)).not.toContain("renewal");
  });

  it("「上传续约合同」 imports the next contract as the renewal: the page shows the new term and the renewal history", async () => {
    const b = suite.track(await startRealBackend({ mode: "demo", contract: "demo-seed" }));
    const page = await open(b, VIEWPORTS.pc);
    const text = readFileSync(new URL("../../config/demo-contract.txt", import.meta.url), "utf8").replace(/时间：\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g, "时间：2024 年 4 月 1 日");
    await page.locator(".contract-card [data-action=upload-renewal]").click();
    const form = page.locator(".contract-card .renew-upload form");
    await form.locator("input[type=file]").setInputFiles({ name: "续约合同.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
    await form.getByRole("button", { name: "上传续约合同" }).click();
    await page.locator(".contract-card .term-dates", { hasText: "服务期已过 0%" }).waitFor();
    await expect(page.locator(".renew-card").innerText()).resolves.toContain("已续费");
    await expect(page.locator('.att[data-kind="renewal"]').count()).resolves.toBe(0);
    expect(await upcomingKinds(b)).not.toContain("renewal");
  });

  it("shows non-admins nothing, and refuses their renewal declaration", async () => {
    const b = suite.track(await startRealBackend({ mode: "dingtalk" }));
    const context = await newDingTalkContext(suite.browser, { mintCode: () => b.mintCodes("staff")[0]! });
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${REAL_CORP_ID}`);
    await waitForState(page, "forbidden");
    await expect(page.locator(".attention, .tiles-wrap, .chart").count()).resolves.toBe(0);
    const session = await fetch(`${b.baseUrl}/api/miniapp/session`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ authCode: b.mintCodes("staff")[0], corpId: REAL_CORP_ID }),
    });
    const { data } = (await session.json()) as { data: { token: string } };
    const res = await fetch(`${b.baseUrl}/api/v1/renewal`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${data.token}` }, body: JSON.stringify({ contractId: b.contractId, declaration: "renewed" }),
    });
    expect(res.status).toBe(403);
  });
});
