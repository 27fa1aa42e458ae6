/**
 * The workbench page's interactions in headless Chromium against the REAL steward (demo mode, seeded contract):
 * recording usage (validation, bar update that persists, over-limit flag, readings), server text shown as text
 * (HTML in notes), clause quotes, reminder acknowledge/snooze, and the bundle budget.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { MOBILE, collectErrors, openFolds, waitForState, chromiumSuite } from "./chromium.js";
import { startRealBackend } from "./real-backend.js";

const suite = chromiumSuite();

/** Opens the page in demo mode on the real server. */
async function openDemo(): Promise<Page> {
  const b = await startRealBackend({ mode: "demo" });
  suite.track(b);
  const page = await (await suite.browser.newContext(MOBILE)).newPage();
  await page.goto(`${b.baseUrl}/mini-app/`);
  await waitForState(page, "ready");
  await openFolds(page);
  return page;
}

function usageRequests(page: Page): string[] {
  const bodies: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === "/api/v1/usage") bodies.push(req.postData() ?? "");
  });
  return bodies;
}

async function record(page: Page, metricValue: string | null, amount: string, note = ""): Promise<void> {
  if (metricValue) await page.getByLabel("额度项目").selectOption(metricValue);
  await page.locator(".usage-form input[name=amount]").fill(amount);
  await page.getByLabel("备注（可选）").fill(note);
  await page.getByRole("button", { name: "记录", exact: true }).click();
}

describe("usage form", () => {
  it.each([
    ["", "请输入数量。"],
    ["abc", "请输入有效的数字。"],
    ["1e3", "请输入有效的数字。"],
    ["-5", "数量不能为负数。"],
    ["0", "用量必须大于 0。"],
  ])("rejects %j client-side without calling the API", async (amount, message) => {
    const page = await openDemo();
    const sent = usageRequests(page);
    await record(page, null, amount);
    await expect(page.locator(".field-error").textContent()).resolves.toBe(message);
    await expect(page.locator(".usage-form input[name=amount]").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(sent).toEqual([]);
  });

  it("records a delta and updates the bar, the remaining figure and the status in place; it persists after reload", async () => {
    const page = await openDemo();
    const sent = usageRequests(page);
    await record(page, "phone_conference.minutes", "９０");
    await page.locator(".form-status-ok").waitFor();
    expect(JSON.parse(sent[0])).toEqual({ contractId: 1, metric: "phone_conference.minutes", amount: 90, kind: "delta" });
    const row = page.locator('.quota[data-metric="phone_conference.minutes"]');
    await expect(row.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("27");
    await expect(row.locator(".quota-figure").textContent()).resolves.toBe("剩余 3,670 分钟");
    await expect(page.locator(".usage-form .form-status").textContent()).resolves.toContain("已记录：电话会议 90 分钟。剩余 3,670 分钟。");
    await expect(page.locator(".usage-form input[name=amount]").inputValue()).resolves.toBe("");
    await page.reload();
    await waitForState(page, "ready");
    await openFolds(page);
    await expect(row.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("27");
    await expect(row.locator(".quota-figure").textContent()).resolves.toBe("剩余 3,670 分钟");
  });

  it("turns the bar red and says so when usage goes above the limit", async () => {
    const page = await openDemo();
    await record(page, "ding.messages", "200");
    await page.locator(".form-status-ok").waitFor();
    const row = page.locator('.quota[data-metric="ding.messages"]');
    await expect(row.locator(".bar").getAttribute("class")).resolves.toContain("bar-danger");
    await expect(row.locator(".quota-figure").textContent()).resolves.toBe("已超出限额 60 条");
    const status = (await page.locator(".usage-form .form-status").textContent()) ?? "";
    expect(status).toContain("已超出合同限额");
    expect(status).not.toContain("剩余");
  });

  it("records an absolute reading for storage (orange from 80 %)", async () => {
    const page = await openDemo();
    const sent = usageRequests(page);
    await page.getByLabel("额度项目").selectOption("storage.capacity_gb");
    await expect(page.locator(".usage-form label[for^=amount]").textContent()).resolves.toBe("当前已用总量（GB）");
    await record(page, null, "900");
    await page.locator(".form-status-ok").waitFor();
    expect(JSON.parse(sent[0])).toMatchObject({ metric: "storage.capacity_gb", amount: 900, kind: "reading" });
    const row = page.locator('.quota[data-metric="storage.capacity_gb"]');
    await expect(row.locator(".bar").getAttribute("class")).resolves.toContain("bar-warn");
    await expect(row.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("88");
  });

  it("offers only consumable or readable quotas (not concurrency caps)", async () => {
    const page = await openDemo();
    const values = await page.locator(".usage-form select option").evaluateAll((opts) => opts.map((o) => o.getAttribute("value")));
    expect(values.sort()).toEqual(["data_recovery.uses", "ding.messages", "phone_conference.minutes", "storage.capacity_gb"]);
  });
});

describe("server text is text", () => {
  it("shows HTML in a note literally, creating no elements and running no script", async () => {
    const page = await openDemo();
    const errors = collectErrors(page);
    const note = `<img src=x onerror="window.__xss=1"><b>加粗</b><script>window.__xss=2</script>`;
    await record(page, "phone_conference.minutes", "5", note);
    await page.locator(".form-status-ok").waitFor();
    await expect(page.locator(".note-echo").textContent()).resolves.toBe(`备注：${note}`);
    await expect(page.locator("#app b, #app img, #app script").count()).resolves.toBe(0);
    await expect(page.evaluate("window.__xss")).resolves.toBeUndefined();
    expect(errors).toEqual([]);
  });
});

describe("consequences and reminders", () => {
  it("expands a clause reference to its quoted text", async () => {
    const page = await openDemo();
    const clause = page.locator("details.clause", { hasText: "附件 2.4" });
    await expect(clause.locator("blockquote").isVisible()).resolves.toBe(false);
    await clause.locator("summary").click();
    await expect(clause.locator("blockquote").isVisible()).resolves.toBe(true);
    await expect(clause.locator("blockquote").textContent()).resolves.toContain("清除不可恢复");
  });

  it("acknowledges one kind of reminder and snoozes another on the server; the list shows the new state", async () => {
    const page = await openDemo();
    const renewal = page.locator('.rem[data-kind="renewal"]').first();
    await renewal.waitFor();
    await renewal.getByRole("button", { name: /^标记「/ }).click();
    await page.locator('.rem[data-kind="renewal"] .tag-ok').first().waitFor();
    await expect(page.locator('.rem[data-kind="renewal"]').first().getByRole("button").count()).resolves.toBe(0);
    const other = page.locator('.rem:not([data-kind="renewal"])').first();
    const kind = await other.getAttribute("data-kind");
    await other.getByRole("button", { name: /7 天后再提醒/ }).click();
    await page.locator(`.rem[data-kind="${kind}"]`).getByText(/已推迟至 2024-04-1\d/).first().waitFor();
  });
});

describe("bundle", () => {
  const assets = (): string[] => readdirSync(join(suite.dist, "assets")).map((f) => join(suite.dist, "assets", f));
  const gz = (files: string[]): number => files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);

  it("stays within budget: JS ≤ 35 KB gzip, CSS ≤ 10 KB gzip", () => {
    const js = assets().filter((f) => f.endsWith(".js"));
    const css = assets().filter((f) => f.endsWith(".css"));
    expect(js.length).toBeGreaterThan(0);
    expect(gz(js)).toBeLessThanOrEqual(35 * 1024);
    expect(gz(css)).toBeLessThanOrEqual(10 * 1024);
  });

  it("registers only the DingTalk APIs it uses and never writes HTML strings", () => {
    const code = assets().filter((f) => f.endsWith(".js")).map((f) => readFileSync(f, "utf8")).join("\n");
    const apis = new Set(code.match(/\b(?:biz|device|runtime|ui|util|internal|channel|service)\.[a-zA-Z]+\.[a-zA-Z]+\b/g));
    expect([...apis].sort()).toEqual(["biz.navigation.setTitle", "runtime.permission.requestAuthCode", "runtime.permission.requestJsApis"]);
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
