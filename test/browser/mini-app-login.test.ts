/**
 * Free login against the REAL steward and a FakeDingTalk: the page in the emulated DingTalk iOS container asks
 * `requestAuthCode({corpId})`, the server exchanges the code at DingTalk (`topapi/v2/user/getuserinfo`) and decides
 * who is an admin; expired sessions re-login silently once; codes are single-use. Forced failures (a 401 that
 * never ends) use Playwright routing in front of the real server.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { bridgeCalls, collectErrors, newDingTalkContext, openFolds, waitForState, type DingTalkEmulation, chromiumSuite } from "./chromium.js";
import { REAL_CORP_ID, startRealBackend, type RealBackend, type Role } from "./real-backend.js";

const suite = chromiumSuite();

async function dingtalkBackend(): Promise<RealBackend> {
  const b = await startRealBackend({ mode: "dingtalk" });
  suite.track(b);
  return b;
}

/** Opens the page in the emulated container; by default DingTalk mints a fresh code for `role` on every request. */
async function openInDingTalk(b: RealBackend, role: Role, emulation: Partial<DingTalkEmulation> = {}, query = `?corpId=${REAL_CORP_ID}`): Promise<Page> {
  const context = await newDingTalkContext(suite.browser, { mintCode: () => b.mintCodes(role)[0]!, ...emulation });
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/mini-app/${query}`);
  return page;
}

async function authCodeCalls(page: Page) {
  return (await bridgeCalls(page)).filter((c) => c.method === "runtime.permission.requestAuthCode");
}

function statusesOf(page: Page, suffix: string): number[] {
  const statuses: number[] = [];
  page.on("response", (res) => {
    if (new URL(res.url()).pathname.endsWith(suffix)) statuses.push(res.status());
  });
  return statuses;
}

async function recordMinutes(page: Page, amount: string): Promise<void> {
  await page.getByLabel("本次用量（分钟）").fill(amount);
  await page.getByRole("button", { name: "记录", exact: true }).click();
}

async function postSession(b: RealBackend, body: unknown) {
  const res = await fetch(`${b.baseUrl}/api/miniapp/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: { token: string; user: { userId: string; isAdmin: boolean } }; error?: { code: string; message: string } } };
}

describe("in the emulated DingTalk iOS container", () => {
  it("logs the admin in with requestAuthCode({corpId}), one code exchange, and shows the seeded summary", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "admin");
    const errors = collectErrors(page);
    await waitForState(page, "ready");
    await openFolds(page);
    expect(await authCodeCalls(page)).toEqual([{ method: "runtime.permission.requestAuthCode", params: { corpId: REAL_CORP_ID } }]);
    expect((await bridgeCalls(page)).some((c) => c.method === "biz.navigation.setTitle")).toBe(true);
    expect(b.codeExchanges()).toBe(1);
    await expect(page.locator(".demo-badge").count()).resolves.toBe(0);
    await expect(page.locator(".viewer").textContent()).resolves.toContain("王管理");
    const main = (await page.locator("#app").textContent()) ?? "";
    expect(main).toContain("示例科技（杭州）有限公司");
    expect(main).toContain("¥9,800.00");
    expect(main).toContain("还剩 30 天");
    expect(main).toContain("滞纳金累计 ¥548.80");
    await expect(page.getByRole("progressbar", { name: "电话会议 用量" }).getAttribute("aria-valuenow")).resolves.toBe("25");
    await expect(page.locator(".page-foot").textContent()).resolves.toContain("钉钉 iOS 7.6.0");
    expect(errors).toEqual([]);
  });

  it("shows the admins-only page to a member who is not an admin", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "staff");
    await waitForState(page, "forbidden");
    await expect(page.getByRole("heading", { name: "仅管理员可见" }).isVisible()).resolves.toBe(true);
    await expect(page.locator("#app").textContent()).resolves.not.toContain("¥");
    expect(b.codeExchanges()).toBe(1);
  });

  it("after the session expires, signs in again silently with a fresh code and the data keeps flowing", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "admin");
    await waitForState(page, "ready");
    await openFolds(page);
    expect(b.codeExchanges()).toBe(1);
    b.expireSessions();
    const usage = statusesOf(page, "/api/v1/usage");
    const sessions = statusesOf(page, "/api/miniapp/session");
    await recordMinutes(page, "90");
    await page.locator(".form-status-ok").waitFor();
    expect(usage).toEqual([401, 201]);
    expect(sessions).toEqual([200]);
    expect(await authCodeCalls(page)).toHaveLength(2);
    expect(b.codeExchanges()).toBe(2);
    await expect(page.getByRole("progressbar", { name: "电话会议 用量" }).getAttribute("aria-valuenow")).resolves.toBe("27");
    await page.reload();
    await waitForState(page, "ready");
    await openFolds(page);
    expect(b.codeExchanges()).toBe(3);
    await expect(page.getByRole("progressbar", { name: "电话会议 用量" }).getAttribute("aria-valuenow")).resolves.toBe("27");
    await expect(page.locator('.quota[data-metric="phone_conference.minutes"] .quota-figure').textContent()).resolves.toBe("剩余 3,670 分钟");
  });

  it("when the container hands out the same code again after expiry, the re-login is refused and nothing is recorded", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "admin", { authCodes: b.mintCodes("admin", 1), mintCode: undefined });
    await waitForState(page, "ready");
    await openFolds(page);
    b.expireSessions();
    const usage = statusesOf(page, "/api/v1/usage");
    const sessions = statusesOf(page, "/api/miniapp/session");
    await recordMinutes(page, "90");
    await page.locator(".form-status-error").waitFor();
    expect(usage).toEqual([401]);
    expect(sessions).toEqual([401]);
    // The server remembers used codes for longer than a session lives, so it refuses the replay without asking DingTalk.
    expect(b.codeExchanges()).toBe(1);
    await expect(page.locator(".usage-form .form-status").textContent()).resolves.toContain("already used");
    await expect(page.getByRole("progressbar", { name: "电话会议 用量" }).getAttribute("aria-valuenow")).resolves.toBe("25");
  });

  it("re-logs in only once: a summary that keeps answering 401 ends in the error state with retry", async () => {
    const b = await dingtalkBackend();
    const context = await newDingTalkContext(suite.browser, { mintCode: () => b.mintCodes("admin")[0]! });
    const page = await context.newPage();
    let summaryCalls = 0;
    await page.route("**/api/v1/summary*", (route) => {
      summaryCalls += 1;
      return route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "unauthenticated", message: "expired" } }) });
    });
    await page.goto(`${b.baseUrl}/mini-app/?corpId=${REAL_CORP_ID}`);
    await waitForState(page, "error");
    expect(summaryCalls).toBe(2);
    expect(b.codeExchanges()).toBe(2);
    await expect(page.getByRole("button", { name: "重试" }).isVisible()).resolves.toBe(true);
  });

  it("says the home URL lacks ?corpId= instead of calling DingTalk", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "admin", {}, "");
    await waitForState(page, "missingCorpId");
    expect(await authCodeCalls(page)).toEqual([]);
    expect(b.codeExchanges()).toBe(0);
  });

  it("shows an error with retry when the user cancels the DingTalk login", async () => {
    const b = await dingtalkBackend();
    const page = await openInDingTalk(b, "admin", { cancelAuth: true });
    await waitForState(page, "error");
    await expect(page.locator(".state-detail").textContent()).resolves.toBe("钉钉免登失败，请关闭页面后重新打开。");
    expect(b.codeExchanges()).toBe(0);
  });
});

describe("session API with the fake DingTalk", () => {
  it("refuses a replayed code with 401 unauthenticated, without asking DingTalk again", async () => {
    const b = await dingtalkBackend();
    const [code] = b.mintCodes("admin");
    const first = await postSession(b, { authCode: code, corpId: REAL_CORP_ID });
    expect(first).toMatchObject({ status: 200, body: { data: { user: { userId: "manager001", isAdmin: true } } } });
    const second = await postSession(b, { authCode: code, corpId: REAL_CORP_ID });
    expect(second).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(second.body.error?.message).toContain("already used");
    expect(b.codeExchanges()).toBe(1);
  });

  it("answers 401 for a code DingTalk does not know, and 403 for another organisation's corpId", async () => {
    const b = await dingtalkBackend();
    expect(await postSession(b, { authCode: "never-issued-code", corpId: REAL_CORP_ID })).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(b.codeExchanges()).toBe(1);
    expect(await postSession(b, { authCode: b.mintCodes("admin")[0], corpId: "dingothercorp" })).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await postSession(b, { demo: true })).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it.each([
    ["admin", true, 200],
    ["subAdmin", true, 200],
    ["boss", false, 403],
    ["staff", false, 403],
    ["operator", true, 200],
  ] as const)("%s: isAdmin %s, summary %i", async (role, isAdmin, summaryStatus) => {
    const b = await dingtalkBackend();
    const s = await postSession(b, { authCode: b.mintCodes(role)[0], corpId: REAL_CORP_ID });
    expect(s.status).toBe(200);
    expect(s.body.data?.user.isAdmin).toBe(isAdmin);
    const summary = await fetch(`${b.baseUrl}/api/v1/summary`, { headers: { authorization: `Bearer ${s.body.data?.token}` } });
    expect(summary.status).toBe(summaryStatus);
  });
});
