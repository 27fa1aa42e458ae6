import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { seedContract } from "../../support/contract-factory.js";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const ADMIN_TOKEN = "operator-token-0123456789";
const OUTAGE_MESSAGE = "The steward's database is not reachable; try again in a minute. Operators: check DATABASE_URL and the database server.";
/** No read cache, so every API call below really asks the database. */
const overrides = join(mkdtempSync(join(tmpdir(), "outage-")), "overrides.json");
writeFileSync(overrides, JSON.stringify({ http: { overviewCacheMs: 0 } }));

async function start(databaseUrl: string): Promise<RunningSteward> {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, STEWARD_ADMIN_TOKEN: ADMIN_TOKEN, STEWARD_DEMO_SEED: "off", STEWARD_CONFIG_FILE: overrides });
  const app = await startSteward(config, { log: silentLogger, clock: new FixedClock("2024-04-05T06:00:00Z"), scheduler: false });
  await seedContract(app.ds, { corpId: "ding-demo", startsOn: "2023-05-06" });
  return app;
}

/** Logs in the way the page does in demo mode (a demo admin session). */
async function demoToken(app: RunningSteward): Promise<string> {
  const res = await fetch(`${app.url}/api/miniapp/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { token: string } }).data.token;
}

async function get(app: RunningSteward, path: string, token?: string) {
  const res = await fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function usage(app: RunningSteward, token: string) {
  const res = await fetch(`${app.url}/api/v1/usage`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ contractId: 1, metric: "ding.messages", amount: 1, kind: "delta" }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** The first answer of `fn` with the wanted status within `ms` (the pool may need a moment to reconnect). */
async function eventually<T extends { status: number }>(fn: () => Promise<T>, status: number, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await fn();
    if (r.status === status || Date.now() > until) return r;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function expectOutageAnswer(r: { status: number; headers: Headers; body: Record<string, unknown> }): void {
  expect(r.status).toBe(503);
  expect(r.body).toEqual({ error: { code: "database_unavailable", message: OUTAGE_MESSAGE } });
  expect(r.headers.get("retry-after")).toBe("60");
  expect(r.headers.get("cache-control")).toBe("no-store");
  expect(r.headers.get("x-content-type-options")).toBe("nosniff");
}

describe.skipIf(!DRIVERS.includes("mariadb"))("database outage on MariaDB behind a TCP proxy", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: RunningSteward;
  beforeAll(async () => {
    db = await openTestDatabase("mariadb");
    if (db.config.kind !== "mysql") throw new Error("expected a MySQL/MariaDB test database");
    const url = new URL(db.config.url);
    proxy = await startTcpProxy({ targetHost: url.hostname, targetPort: Number(url.port || 3306) });
    url.host = `127.0.0.1:${proxy.port}`;
    app = await start(url.toString());
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it("answers 503 with Retry-After while the server is unreachable, reports it in /readyz and /healthz, and recovers", async () => {
    const token = await demoToken(app);
    expect((await get(app, "/api/v1/summary", token)).status).toBe(200);

    await proxy.stop();
    expectOutageAnswer(await get(app, "/api/v1/summary", token));
    expectOutageAnswer(await get(app, "/api/v1/entitlements", ADMIN_TOKEN));
    expectOutageAnswer(await usage(app, token));
    const ready = await get(app, "/readyz");
    expect(ready).toMatchObject({ status: 503, body: { status: "not_ready", checks: { database: { ok: false } } } });
    expect(await get(app, "/healthz")).toMatchObject({ status: 200, body: { status: "ok", database: "down" } });

    await proxy.resume();
    expect((await eventually(() => get(app, "/api/v1/summary", token), 200)).status).toBe(200);
    expect((await usage(app, token)).status).toBe(201);
    expect((await get(app, "/readyz")).status).toBe(200);
    expect(await get(app, "/healthz")).toMatchObject({ status: 200, body: { database: "up" } });
  });
});

describe("database outage on SQLite (the DataSource closed under the running service)", () => {
  let app: RunningSteward;
  beforeAll(async () => {
    app = await start(`sqlite:${join(mkdtempSync(join(tmpdir(), "outage-")), "steward.sqlite")}`);
  });
  afterAll(async () => app?.stop());

  it("answers 503 with Retry-After while the database is closed, and 200 once it is open again", async () => {
    const token = await demoToken(app);
    expect((await get(app, "/api/v1/summary", token)).status).toBe(200);
    await app.ds.destroy();
    expectOutageAnswer(await get(app, "/api/v1/summary", token));
    expectOutageAnswer(await usage(app, token));
    expect((await get(app, "/readyz")).status).toBe(503);
    await app.ds.initialize();
    expect((await get(app, "/api/v1/summary", token)).status).toBe(200);
  });
});
