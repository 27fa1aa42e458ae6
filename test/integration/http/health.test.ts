import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";

describe("health endpoints", () => {
  let app: RunningSteward;
  beforeAll(async () => {
    app = await startSteward(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:" }), { log: silentLogger });
  });
  afterAll(async () => app?.stop());

  it("answers liveness, readiness and metrics", async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok", database: "up" });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true } } });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain("steward_db_up 1");
    expect(metrics).toContain("steward_http_requests_total");
    expect(metrics).toMatch(/^steward_nodejs_eventloop_lag_p99_seconds \d/m);
    expect(metrics).toMatch(/^steward_nodejs_eventloop_lag_max_seconds \d/m);
  });

  it("gives every response a request id and JSON errors for unknown routes", async () => {
    const res = await fetch(`${app.url}/no/such/route`, { headers: { "x-request-id": "abcdefgh-1234" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("abcdefgh-1234");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.stringContaining("/no/such/route") } });
  });

  it("reports not ready while the database is gone (liveness stays 200 and says so), and ready again when it is back", async () => {
    await app.ds.destroy();
    const down = await fetch(`${app.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "not_ready", checks: { database: { ok: false } } });
    const live = await fetch(`${app.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok", database: "down" });
    await app.ds.initialize();
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok", database: "up" });
  });
});

describe("start-up failures", () => {
  it("refuses an unusable SQLite location with a message that says what to do", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ro-")), "a-file");
    writeFileSync(file, "not a directory");
    const cfg = loadConfig({ PORT: "0", DATABASE_URL: `sqlite:${join(file, "steward.sqlite")}` });
    await expect(startSteward(cfg, { log: silentLogger })).rejects.toThrow(/Cannot write the SQLite database[\s\S]*ENOTDIR[\s\S]*DATABASE_URL=sqlite:/);
  });

  it("refuses an unreachable MySQL server with a clear message and no password in it", async () => {
    const cfg = loadConfig({ PORT: "0", DATABASE_URL: "mariadb://u:hunter2@127.0.0.1:1/x" });
    const err = await startSteward(cfg, { log: silentLogger }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Cannot reach the database at mysql:\/\/\*\*\*@127\.0\.0\.1:1\/x/);
    expect((err as Error).message).not.toContain("hunter2");
  });
});
