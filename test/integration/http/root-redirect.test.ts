import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createLogger } from "../../../src/lib/logger.js";
import { pageUrl, startSteward, type RunningSteward } from "../../../src/main.js";

describe("the way in: / and the ready line", () => {
  let app: RunningSteward;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_DEMO_SEED: "off" });
    app = await startSteward(config, { log: createLogger("info", stream), scheduler: false });
  });
  afterAll(async () => app?.stop());

  it("redirects / to the workbench page with 302, keeping the query", async () => {
    const res = await fetch(`${app.url}/`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/mini-app/");
    const q = await fetch(`${app.url}/?corpId=ding123&lang=en`, { redirect: "manual" });
    expect([q.status, q.headers.get("location")]).toEqual([302, "/mini-app/?corpId=ding123&lang=en"]);
    expect((await fetch(`${app.url}/`, { method: "HEAD", redirect: "manual" })).status).toBe(302);
  });

  it("names the page URL in the ready line", () => {
    const port = new URL(app.url).port;
    const ready = lines.find((l) => String(l.msg).startsWith("steward ready"));
    expect(ready).toMatchObject({ msg: `steward ready: the workbench page is at http://127.0.0.1:${port}/mini-app/`, page: `http://127.0.0.1:${port}/mini-app/`, url: app.url });
  });

  it.each([
    ["0.0.0.0", 3000, "http://localhost:3000/mini-app/"],
    ["::", 3000, "http://localhost:3000/mini-app/"],
    ["10.1.2.3", 8080, "http://10.1.2.3:8080/mini-app/"],
    ["::1", 3000, "http://[::1]:3000/mini-app/"],
  ])("page URL for HOST=%s port %i is %s", (host, port, url) => {
    expect(pageUrl(host, port)).toBe(url);
  });
});
