import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig } from "../../../src/config/index.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("loadConfig", () => {
  it("runs on defaults alone: port 3000, embedded SQLite, demo mode, Asia/Shanghai", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: "sqlite", file: "data/steward.sqlite" });
    expect(c.demo).toBe(true);
    expect(c.dingtalk).toBeNull();
    expect(c.timezone).toBe("Asia/Shanghai");
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("derives the DingTalk settings, robot code and gateway URL from the credentials", () => {
    const c = loadConfig({
      DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "s3cret-value", DINGTALK_CORP_ID: "dingcorp",
      DINGTALK_API_BASE: "http://127.0.0.1:9999/", STEWARD_ADMIN_USERIDS: "u1, u2,,", STEWARD_ADMIN_GROUPS: "cidAbc==",
    });
    expect(c.demo).toBe(false);
    expect(c.dingtalk).toMatchObject({ robotCode: "dingabc", gatewayUrl: "http://127.0.0.1:9999/v1.0/gateway/connections/open", corpId: "dingcorp" });
    expect(c.admins).toMatchObject({ userIds: ["u1", "u2"], groups: ["cidAbc=="] });
  });

  it.each([
    ["sqlite:/tmp/x.sqlite", { kind: "sqlite", file: "/tmp/x.sqlite" }],
    ["sqlite::memory:", { kind: "sqlite", file: ":memory:" }],
    ["mariadb://u:p@h:3306/db", { kind: "mysql", flavor: "mariadb", url: "mysql://u:p@h:3306/db" }],
    ["mysql://u:p@h/db", { kind: "mysql", flavor: "auto", url: "mysql://u:p@h/db" }],
  ])("reads DATABASE_URL %s", (url, expected) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual(expected);
  });

  it("reports every problem at once and names each variable", () => {
    const problems = problemsOf({
      PORT: "eighty", DATABASE_URL: "postgres://x", STEWARD_TIMEZONE: "Mars/Base", STEWARD_ADMIN_USERIDS: "ok,has space",
      DINGTALK_CLIENT_ID: "only-id", LOG_LEVEL: "loud", DINGTALK_API_BASE: "ftp://x",
    });
    const text = problems.join("\n");
    for (const name of ["PORT", "DATABASE_URL", "STEWARD_TIMEZONE", "STEWARD_ADMIN_USERIDS", "LOG_LEVEL", "DINGTALK_API_BASE"]) {
      expect(text).toContain(name);
    }
    expect(problems.length).toBeGreaterThanOrEqual(6);
  });

  it("asks for the secret when only the client id is set, without printing any secret", () => {
    expect(problemsOf({ DINGTALK_CLIENT_ID: "id" })).toEqual([expect.stringContaining("DINGTALK_CLIENT_SECRET: required")]);
    const problems = problemsOf({ DINGTALK_CLIENT_SECRET: "TOPSECRET-123", PORT: "-1" }).join("\n");
    expect(problems).not.toContain("TOPSECRET-123");
  });

  it("rejects a port out of range and a short admin token", () => {
    expect(problemsOf({ PORT: "70000", STEWARD_ADMIN_TOKEN: "short" }).join("\n")).toMatch(/PORT[\s\S]*STEWARD_ADMIN_TOKEN/);
  });

  it("merges an overrides file and names the bad settings key", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ dingtalk: { qps: 40 } }));
    expect(loadConfig({ STEWARD_CONFIG_FILE: good }).settings.dingtalk).toMatchObject({ qps: 40, timeoutMs: 10000 });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ dingtalk: { qps: "fast", qsp: 3 } }));
    const text = problemsOf({ STEWARD_CONFIG_FILE: bad }).join("\n");
    expect(text).toContain("settings.dingtalk.qps");
    expect(text).toContain("qsp");
    writeFileSync(bad, "{not json");
    expect(problemsOf({ STEWARD_CONFIG_FILE: bad }).join("\n")).toContain(bad);
  });

  it("describes itself without secrets or database passwords", () => {
    const c = loadConfig({ DATABASE_URL: "mysql://u:pw123@db/x", DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "sec-xyz" });
    const s = JSON.stringify(describeConfig(c));
    expect(s).not.toContain("pw123");
    expect(s).not.toContain("sec-xyz");
    expect(s).toContain("***@db");
  });
});
