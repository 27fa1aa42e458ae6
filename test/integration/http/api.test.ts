import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { seedContract } from "../../support/contract-factory.js";

const ADMIN_TOKEN = "operator-token-0123456789";
const clock = new FixedClock("2024-04-05T06:00:00Z");
let app: RunningSteward;
let contractId: number;

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const res = await fetch(`${app.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith("{") ? JSON.parse(text) : text };
}

let cachedToken: string | null = null;

async function demoToken(): Promise<string> {
  if (cachedToken) return cachedToken;
  cachedToken = await newDemoToken();
  return cachedToken;
}

async function newDemoToken(): Promise<string> {
  const r = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
  expect(r.status).toBe(200);
  return r.body.data.token;
}

beforeAll(async () => {
  app = await startSteward(
    loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_ADMIN_TOKEN: ADMIN_TOKEN, STEWARD_DEMO_SEED: "off" }),
    { log: silentLogger, clock, scheduler: false },
  );
  contractId = await seedContract(app.ds, { corpId: "ding-demo", startsOn: "2023-05-06" });
});
afterAll(async () => app?.stop());

describe("sessions", () => {
  it("issues a demo session in demo mode, valid for 15 minutes", async () => {
    const r = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
    expect(r.body.data).toMatchObject({ demo: true, user: { isAdmin: true }, expiresAt: "2024-04-05T06:15:00.000Z" });
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses DingTalk codes in demo mode and malformed requests", async () => {
    const code = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ authCode: "abc", corpId: "x" }) });
    expect(code.status).toBe(403);
    const bad = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: "yes" }) });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
    const text = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "text/plain" }, body: "demo" });
    expect(text).toMatchObject({ status: 415, body: { error: { code: "unsupported_file" } } });
    const broken = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(broken.status).toBe(400);
  });

  it.each([
    ["missing", null],
    ["forged", "eyJzdWIiOiJ4In0.AAAA"],
    ["garbage", "not-a-token"],
  ])("rejects a %s token with 401", async (_n, token) => {
    const r = await call("/api/v1/summary", { token });
    expect(r).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
  });

  it("rejects a token once it has expired, and one whose signature was tampered with", async () => {
    const token = await newDemoToken();
    const [body, sig] = token.split(".");
    const tampered = `${Buffer.from(JSON.stringify({ sub: "x", name: "x", adm: true, demo: true, exp: 9e15 })).toString("base64url")}.${sig}`;
    expect((await call("/api/v1/summary", { token: tampered })).status).toBe(401);
    expect((await call("/api/v1/summary", { token: `${body}.${sig}` })).status).toBe(200);
    clock.advance(16 * 60_000);
    const expired = await call("/api/v1/summary", { token });
    expect(expired.body.error.message).toContain("expired");
    clock.set("2024-04-05T06:00:00Z");
  });
});

describe("summary", () => {
  it("shows the contract, term, quotas, key dates and consequences with citations", async () => {
    const r = await call("/api/v1/summary", { token: await demoToken() });
    expect(r.status).toBe(200);
    const s = r.body.data;
    expect(s.contract).toMatchObject({ id: contractId, amountFen: 980000, amountWords: "玖仟捌佰元整", amountWordsOk: true, startsOn: "2023-05-06", endsOn: "2024-05-05", daysLeft: 30, status: "active" });
    expect(s.contract.payment).toMatchObject({ deadline: "2023-06-05", status: "overdue" });
    const ding = s.entitlements.find((e: { code: string }) => e.code === "ding").quotas[0];
    expect(ding).toMatchObject({ metric: "ding.messages", limit: 1000, period: "year", window: { start: "2023-05-06", end: "2024-05-05" }, recordAs: "delta" });
    expect(s.keyDates.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(["expiry", "chat_history", "data_deletion", "lapse"]));
    const drive = s.consequences.find((c: { title: string }) => c.title.includes("云盘"));
    expect(drive.clauses.map((c: { ref: string }) => c.ref)).toContain("2.4");
    const en = await call("/api/v1/summary?lang=en", { token: await demoToken() });
    expect(en.body.data.consequences.map((c: { title: string }) => c.title)).toContain("Chat history falls back");
  });

  it("accepts the operator's admin token too", async () => {
    expect((await call("/api/v1/summary", { token: ADMIN_TOKEN })).status).toBe(200);
  });
});

describe("usage", () => {
  const post = async (body: unknown, token?: string) =>
    call("/api/v1/usage", { method: "POST", token: token ?? (await demoToken()), headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("records a delta and returns the updated quota", async () => {
    const r = await post({ contractId, metric: "phone_conference.minutes", amount: 1240, kind: "delta", note: "<b>March</b>" });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ flagged: false, quota: { used: 1240, remaining: 3760, source: "manual", asOf: "2024-04-05T06:00:00.000Z" } });
  });

  it("accepts usage above the limit and flags it", async () => {
    const r = await post({ contractId, metric: "data_recovery.uses", amount: 2, kind: "delta" });
    expect(r.body.data).toMatchObject({ flagged: true, quota: { used: 2, overLimit: true } });
  });

  it.each([
    [{ contractId: 1, metric: "ding.messages", amount: -5, kind: "delta" }, "amount: cannot be negative"],
    [{ contractId: 1, metric: "ding.messages", amount: "12", kind: "delta" }, "amount: must be a number"],
    [{ contractId: 1, metric: "ding.messages", amount: null, kind: "delta" }, "amount: must be a number"],
    [{ contractId: 1, metric: "ding.messages", amount: 1, kind: "sum" }, "kind"],
    [{ contractId: 1, metric: "ding.messages", amount: 1, kind: "delta", extra: 1 }, "extra"],
  ])("refuses bad usage %j", async (body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(message);
  });

  it("names the known metrics when the metric is unknown, and refuses deltas on caps", async () => {
    const unknown = await post({ contractId, metric: "ding.mesages", amount: 1, kind: "delta" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown metric "ding.mesages"[\s\S]*ding\.messages/);
    const cap = await post({ contractId, metric: "api.qps", amount: 1, kind: "delta" });
    expect(cap.body.error.message).toContain("is a cap");
  });

  it("refuses an oversized body", async () => {
    const r = await post({ contractId, metric: "ding.messages", amount: 1, kind: "delta", note: "x".repeat(300 * 1024) });
    expect(r.status).toBe(413);
  });

  it("records the entry in the audit trail", async () => {
    const r = await call("/api/v1/audit", { token: await demoToken() });
    expect(r.body.data.map((e: { action: string }) => e.action)).toContain("usage.recorded");
  });
});

describe("the page", () => {
  it("redirects /mini-app keeping the query and never caches index.html", async () => {
    const res = await fetch(`${app.url}/mini-app?corpId=ding1`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/mini-app/?corpId=ding1");
    const index = await fetch(`${app.url}/mini-app/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("cache-control")).toBe("no-store");
    const html = await index.text();
    const asset = /\/mini-app\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const js = await fetch(`${app.url}${asset}`);
    expect(js.headers.get("cache-control")).toContain("immutable");
  });

  it("does not serve files outside the build", async () => {
    expect((await fetch(`${app.url}/mini-app/..%2F..%2Fpackage.json`)).status).not.toBe(200);
    expect((await fetch(`${app.url}/mini-app/assets/missing.js`)).status).toBe(404);
  });
});

describe("contract upload", () => {
  const upload = async (bytes: Buffer, name: string, token: string | null = ADMIN_TOKEN, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return call("/api/v1/contracts", { method: "POST", body: form, token });
  };
  const fixture = async (name: string) => Buffer.from(await (await import("node:fs/promises")).readFile(new URL(`../../fixtures/contracts/${name}`, import.meta.url)));

  it("imports an uploaded PDF once, then reports it as already imported", async () => {
    const pdf = await fixture("direct-basic.pdf");
    const first = await upload(pdf, "合同.pdf", ADMIN_TOKEN, { corpId: "ding-upload" });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ status: "imported", corpId: "ding-upload", startsOnSource: "signing" });
    const again = await upload(pdf, "合同.pdf", ADMIN_TOKEN, { corpId: "ding-upload" });
    expect(again).toMatchObject({ status: 200, body: { data: { status: "already_imported" } } });
    const detail = await call(`/api/v1/contracts/${first.body.data.contractId}`, { token: ADMIN_TOKEN });
    expect(detail.body.data.clauses.length).toBeGreaterThan(3);
    expect((await call("/api/v1/contracts", { token: ADMIN_TOKEN })).body.data.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["scanned.pdf", 415, "OCR"],
    ["image-renamed.pdf", 415, ""],
    ["not-a-contract.txt", 422, ""],
    ["direct-variant.txt", 422, "--force"],
  ])("refuses %s with %i", async (name, status, text) => {
    const r = await upload(await fixture(name), name, ADMIN_TOKEN, { corpId: "ding-bad" });
    expect(r.status).toBe(status);
    expect(r.body.error.message).toContain(text);
  });

  it("refuses a file over 10 MB, a non-multipart body, a missing file, and callers without a token", async () => {
    expect((await upload(Buffer.alloc(10 * 1024 * 1024 + 10, 0x41), "big.txt")).status).toBe(413);
    const json = await call("/api/v1/contracts", { method: "POST", token: ADMIN_TOKEN, headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append("note", "no file");
    expect((await call("/api/v1/contracts", { method: "POST", token: ADMIN_TOKEN, body: form })).body.error.message).toContain("field named `file`");
    expect((await upload(Buffer.from("x"), "a.txt", null)).status).toBe(401);
    expect((await call("/api/v1/contracts/999999", { token: ADMIN_TOKEN })).status).toBe(404);
    expect((await call("/api/v1/contracts/abc", { token: ADMIN_TOKEN })).status).toBe(400);
  });
});

describe("reminders", () => {
  const post = async (path: string, body: unknown) =>
    call(path, { method: "POST", token: await demoToken(), headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("lists the upcoming notices of the current contract, in Chinese or English", async () => {
    const r = await call("/api/v1/reminders/upcoming", { token: await demoToken() });
    expect(r.status).toBe(200);
    const renewal = r.body.data.find((n: { kind: string }) => n.kind === "renewal");
    expect(renewal).toMatchObject({ contractId, date: expect.stringMatching(/^2024-0[45]-\d\d$/), time: expect.stringMatching(/^\d\d:\d\d$/) });
    expect(renewal).not.toHaveProperty("recipients");
    const en = await call("/api/v1/reminders/upcoming?lang=en", { token: await demoToken() });
    expect(en.body.data.find((n: { kind: string }) => n.kind === "renewal").title).toMatch(/^DingTalk Pro expires in \d+ days \(2024-05-05\)$/);
    for (const n of en.body.data as { title: string }[]) expect(n.title).not.toMatch(/[A-Za-z]+[-+]\d+@\d{4}|fix@|read@/);
    const summary = await call("/api/v1/summary", { token: await demoToken() });
    expect(summary.body.data.reminders.upcoming.length).toBeGreaterThan(0);
  });

  it("snoozes and acknowledges a kind of notice, and says what is wrong with bad requests", async () => {
    expect((await post("/api/v1/reminders/snooze", { contractId, kind: "renewal", days: 7 })).body).toEqual({ data: { ok: true } });
    const after = await call("/api/v1/reminders/upcoming", { token: await demoToken() });
    const renewals = after.body.data.filter((n: { kind: string }) => n.kind === "renewal");
    expect(renewals[0]).toMatchObject({ dueKey: "T-30@2024-05-05", snoozedUntil: "2024-04-12" });
    expect(renewals.some((n: { date: string; dueKey: string }) => n.date === "2024-04-12" && n.dueKey.startsWith("T-30"))).toBe(true);
    expect((await post("/api/v1/reminders/acknowledge", { contractId, kind: "data_deletion" })).status).toBe(200);
    expect((await post("/api/v1/reminders/snooze", { contractId, kind: "renewal", days: 0 })).body.error.message).toContain("days: must be at least 1");
    expect((await post("/api/v1/reminders/acknowledge", { contractId, kind: "birthday" })).body.error.message).toContain("kind must be one of");
    expect((await post("/api/v1/reminders/acknowledge", { contractId: 999999, kind: "renewal" })).status).toBe(404);
    expect((await call("/api/v1/reminders/log?status=bogus", { token: await demoToken() })).status).toBe(400);
    expect((await call("/api/v1/reminders/log", { token: await demoToken() })).body.data).toEqual([]);
    const audit = await call("/api/v1/audit", { token: await demoToken() });
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["reminder.snoozed", "reminder.acknowledged"]));
  });
});

describe("session rate limit", () => {
  it("answers 429 with Retry-After once an address creates too many sessions in a minute", async () => {
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      last = (await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) })).status;
    }
    expect(last).toBe(429);
    const r = await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
    expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
    clock.advance(61_000);
    expect((await call("/api/miniapp/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) })).status).toBe(200);
  });
});

describe("renewal from the page", () => {
  const post = async (body: unknown, token?: string | null) =>
    call("/api/v1/renewal", { method: "POST", token: token === undefined ? await demoToken() : token, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("sends the charts their ledger series and the free drive space", async () => {
    const s = await call("/api/v1/summary", { token: await demoToken() });
    expect(s.body.data.retention).toEqual({ freeStorageGb: 100, chatHistoryDays: 180 });
    for (const q of s.body.data.entitlements.flatMap((e: { quotas: unknown[] }) => e.quotas) as { series: unknown }[]) expect(Array.isArray(q.series)).toBe(true);
  });

  it("refuses a bad declaration, an unknown contract and callers without a session", async () => {
    expect((await post({ contractId, declaration: "maybe" })).status).toBe(400);
    expect((await post({ contractId, declaration: "renewed", extra: 1 })).status).toBe(400);
    expect((await post({ contractId: 999999, declaration: "renewed" })).status).toBe(404);
    expect((await post({ contractId, declaration: "renewed" }, null)).status).toBe(401);
  });

  it("「已续费」 records the status as chat does, and the renewal reminders stop", async () => {
    const kinds = async () => ((await call("/api/v1/reminders/upcoming", { token: await demoToken() })).body.data as { kind: string }[]).map((n) => n.kind);
    expect(await kinds()).toContain("renewal");
    const r = await post({ contractId, declaration: "renewed" });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ contractId, status: "renewed" });
    expect(await kinds()).not.toContain("renewal");
    expect((await call("/api/v1/summary", { token: await demoToken() })).body.data.contract.status).toBe("renewed");
    const audit = await call("/api/v1/audit", { token: await demoToken() });
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain("contract.renewed");
  });
});
