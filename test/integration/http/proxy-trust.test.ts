import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";

/** Three sessions per address and minute, so the limit is reached in a few requests. */
const overrides = join(mkdtempSync(join(tmpdir(), "proxy-")), "overrides.json");
writeFileSync(overrides, JSON.stringify({ session: { createPerMinutePerIp: 3 } }));

async function start(trust: string | undefined): Promise<RunningSteward> {
  return startSteward(
    loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_DEMO_SEED: "off", STEWARD_CONFIG_FILE: overrides, STEWARD_TRUST_PROXY: trust }),
    { log: silentLogger, clock: new FixedClock("2024-04-05T06:00:00Z"), scheduler: false },
  );
}

async function createSession(app: RunningSteward, forwardedFor?: string): Promise<number> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  const res = await fetch(`${app.url}/api/miniapp/session`, { method: "POST", headers, body: JSON.stringify({ demo: true }) });
  await res.arrayBuffer();
  return res.status;
}

describe("STEWARD_TRUST_PROXY unset: forwarded headers are not believed", () => {
  let app: RunningSteward;
  beforeAll(async () => {
    app = await start(undefined);
  });
  afterAll(async () => app?.stop());

  it("counts a client that makes up a new X-Forwarded-For on every request as one address", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push(await createSession(app, `203.0.113.${i}`));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe("STEWARD_TRUST_PROXY=true: one proxy in front", () => {
  let app: RunningSteward;
  beforeAll(async () => {
    app = await start("true");
  });
  afterAll(async () => app?.stop());

  it("limits by the client address the proxy forwarded, so clients behind one proxy do not share a budget", async () => {
    for (let i = 0; i < 3; i++) expect(await createSession(app, "198.51.100.7")).toBe(200);
    expect(await createSession(app, "198.51.100.7")).toBe(429);
    expect(await createSession(app, "198.51.100.8")).toBe(200);
  });

  it("uses the entry the proxy appended, not one the client put in front of it", async () => {
    for (let i = 0; i < 3; i++) expect(await createSession(app, `10.9.9.${i}, 198.51.100.20`)).toBe(200);
    expect(await createSession(app, "10.9.9.99, 198.51.100.20")).toBe(429);
  });
});

describe("STEWARD_TRUST_PROXY=2: a chain of two proxies", () => {
  let app: RunningSteward;
  beforeAll(async () => {
    app = await start("2");
  });
  afterAll(async () => app?.stop());

  it("takes the second entry from the right as the client", async () => {
    for (let i = 0; i < 3; i++) expect(await createSession(app, `spoofed-${i}, 198.51.100.30, 10.0.0.2`)).toBe(200);
    expect(await createSession(app, "anything, 198.51.100.30, 10.0.0.2")).toBe(429);
    expect(await createSession(app, "198.51.100.31, 10.0.0.2")).toBe(200);
  });
});
