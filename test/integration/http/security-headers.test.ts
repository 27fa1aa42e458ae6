import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createHttpApp } from "../../../src/http/app.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createMetrics } from "../../../src/lib/metrics.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { HealthService } from "../../../src/services/health.service.js";
import { seedContract } from "../../support/contract-factory.js";

const ADMIN_TOKEN = "operator-token-0123456789";
let app: RunningSteward;
let bare: { url: string; server: Server };
let asset: string;

beforeAll(async () => {
  const overrides = join(mkdtempSync(join(tmpdir(), "hdr-")), "overrides.json");
  writeFileSync(overrides, JSON.stringify({ session: { createPerMinutePerIp: 2 } }));
  app = await startSteward(
    loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_ADMIN_TOKEN: ADMIN_TOKEN, STEWARD_DEMO_SEED: "off", STEWARD_CONFIG_FILE: overrides }),
    { log: silentLogger, clock: new FixedClock("2024-04-05T06:00:00Z"), scheduler: false },
  );
  await seedContract(app.ds, { corpId: "ding-demo", startsOn: "2023-05-06" });
  asset = /\/mini-app\/assets\/[^"]+\.js/.exec(await (await fetch(`${app.url}/mini-app/`)).text())![0];

  // The same stack with routes that fail in ways the real routes cannot be made to: a bug (500), a database outage
  // (503), and a middleware that throws before any router runs.
  const failing = new Router();
  failing.get("/boom", () => {
    throw new TypeError("a bug");
  });
  failing.get("/db-down", () => {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED", fatal: true });
  });
  const koa = createHttpApp({
    log: silentLogger, metrics: createMetrics(), health: new HealthService(app.ds), routers: [failing],
    middleware: [async (ctx, next) => (ctx.path === "/early" ? Promise.reject(new Error("thrown before the router")) : next())],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = koa.listen(0, "127.0.0.1", () => resolve(s));
  });
  bare = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
});
afterAll(async () => {
  await new Promise((resolve) => bare?.server.close(resolve));
  await app?.stop();
});

type Req = { path: string; method?: string; token?: string; type?: string; body?: string; base?: "app" | "bare" };

async function send(r: Req): Promise<Response> {
  const headers = new Headers();
  if (r.token) headers.set("authorization", `Bearer ${r.token}`);
  if (r.type) headers.set("content-type", r.type);
  const url = `${r.base === "bare" ? bare.url : app.url}${r.path === "ASSET" ? asset : r.path}`;
  return fetch(url, { method: r.method ?? "GET", headers, body: r.body, redirect: "manual" });
}

const json = "application/json";
const session = { path: "/api/miniapp/session", method: "POST", type: json, body: JSON.stringify({ demo: true }) };

/** route × outcome → status, which CSP (the page's or the locked one) and which caching. */
const TABLE: [string, Req, number, "page" | "locked", "no-store" | "immutable"][] = [
  ["API 200", { path: "/api/v1/summary", token: ADMIN_TOKEN }, 200, "locked", "no-store"],
  ["API 201 (write)", { path: "/api/v1/usage", method: "POST", token: ADMIN_TOKEN, type: json, body: JSON.stringify({ contractId: 1, metric: "ding.messages", amount: 1, kind: "delta" }) }, 201, "locked", "no-store"],
  ["API 401 (no token)", { path: "/api/v1/summary" }, 401, "locked", "no-store"],
  ["API 400 (bad id)", { path: "/api/v1/contracts/abc", token: ADMIN_TOKEN }, 400, "locked", "no-store"],
  ["API 404 (no contract)", { path: "/api/v1/contracts/999999", token: ADMIN_TOKEN }, 404, "locked", "no-store"],
  ["API 400 (broken JSON)", { ...session, body: "{not json" }, 400, "locked", "no-store"],
  ["API 413 (body too large)", { path: "/api/v1/usage", method: "POST", token: ADMIN_TOKEN, type: json, body: JSON.stringify({ note: "x".repeat(300 * 1024) }) }, 413, "locked", "no-store"],
  ["API 415 (not JSON)", { ...session, type: "text/plain", body: "demo" }, 415, "locked", "no-store"],
  ["unknown route 404", { path: "/no/such/route" }, 404, "locked", "no-store"],
  ["405 wrong method", { path: "/healthz", method: "DELETE" }, 405, "locked", "no-store"],
  ["/healthz 200", { path: "/healthz" }, 200, "locked", "no-store"],
  ["/readyz 200", { path: "/readyz" }, 200, "locked", "no-store"],
  ["/metrics 200", { path: "/metrics" }, 200, "locked", "no-store"],
  ["page 200", { path: "/mini-app/" }, 200, "page", "no-store"],
  ["page deep link 200", { path: "/mini-app/some/view" }, 200, "page", "no-store"],
  ["page redirect 301 (HTML body)", { path: "/mini-app?corpId=x" }, 301, "page", "no-store"],
  ["hashed asset 200", { path: "ASSET" }, 200, "locked", "immutable"],
  ["missing asset 404", { path: "/mini-app/assets/missing.js" }, 404, "locked", "no-store"],
  ["bug 500", { path: "/boom", base: "bare" }, 500, "locked", "no-store"],
  ["database outage 503", { path: "/db-down", base: "bare" }, 503, "locked", "no-store"],
  ["thrown before the router 500", { path: "/early", base: "bare" }, 500, "locked", "no-store"],
];

describe("security headers on every answer", () => {
  it.each(TABLE)("%s", async (_name, req, status, csp, cache) => {
    const res = await send(req);
    expect(res.status).toBe(status);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    if (csp === "page") {
      expect(policy).toMatch(/default-src 'self'.*script-src 'self'; style-src 'self';.*connect-src 'self'/);
      expect(policy).not.toContain("unsafe");
    } else {
      expect(policy).toContain("default-src 'none'");
    }
    expect(res.headers.get("cache-control")).toBe(cache === "immutable" ? "public, max-age=31536000, immutable" : "no-store");
    if (status >= 400 && status !== 405) expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
  });

  it("keeps them on 429 from the session rate limit, next to Retry-After", async () => {
    let res = await send(session);
    for (let i = 0; i < 5 && res.status !== 429; i++) res = await send(session);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a database outage with 503, the operator hint and Retry-After", async () => {
    const res = await send({ path: "/db-down", base: "bare" });
    expect(res.headers.get("retry-after")).toBe("60");
    expect(await res.json()).toEqual({
      error: {
        code: "database_unavailable",
        message: "The steward's database is not reachable; try again in a minute. Operators: check DATABASE_URL and the database server.",
      },
    });
  });
});
