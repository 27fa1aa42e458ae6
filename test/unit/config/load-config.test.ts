import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig } from "../../../src/config/index.js";

function problemsOf(env: Record<string, string | undefined>): string[] {
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
    expect(problemsOf({ DINGTALK_CLIENT_ID: "id" })).toEqual(["DINGTALK_CLIENT_SECRET is required when DINGTALK_CLIENT_ID is set; set both, or neither for demo mode"]);
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

describe("loadConfig: an operator's .env", () => {
  const example = parseEnv(readFileSync(new URL("../../../config/.env.example", import.meta.url), "utf8"));

  it("starts on config/.env.example copied as it is (its empty values mean unset)", () => {
    expect(Object.values(example)).toContain("");
    const c = loadConfig(example);
    expect(c).toMatchObject({ port: 3000, demo: true, sessionSecret: null, publicUrl: null, trustProxyHops: 0, admins: { token: null } });
    expect(c.database).toEqual({ kind: "sqlite", file: "data/steward.sqlite" });
  });

  it.each(["", "   "])("treats %j as unset for every variable, with the defaults applying", (blank) => {
    const env = Object.fromEntries(["PORT", "HOST", "STEWARD_ADMIN_TOKEN", "STEWARD_SESSION_SECRET", "STEWARD_PUBLIC_URL", "STEWARD_TIMEZONE", "LOG_LEVEL", "DINGTALK_API_BASE", "STEWARD_TRUST_PROXY"].map((k) => [k, blank]));
    expect(loadConfig(env)).toMatchObject({ port: 3000, host: "0.0.0.0", timezone: "Asia/Shanghai", logLevel: "info", apiBase: "https://api.dingtalk.com", publicUrl: null });
  });

  it("names a bad STEWARD_PUBLIC_URL once", () => {
    expect(problemsOf({ STEWARD_PUBLIC_URL: "steward.example.com" })).toEqual([
      "STEWARD_PUBLIC_URL must be an http:// or https:// URL such as https://steward.example.com",
    ]);
  });
});

describe("loadConfig: every problem at once, one line each", () => {
  it("reports an empty DINGTALK_CLIENT_ID beside a secret together with the other problems", () => {
    const problems = problemsOf({ DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "TOPSECRET-123", PORT: "abc", LOG_LEVEL: "loud" });
    expect(problems).toEqual([
      'PORT must be a whole number between 1 and 65535, got "abc"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      "DINGTALK_CLIENT_ID is required when DINGTALK_CLIENT_SECRET is set (it is empty); set both, or neither for demo mode",
    ]);
    expect(problems.join("\n")).not.toContain("TOPSECRET-123");
    expect(problems.every((p) => !p.includes("\n"))).toBe(true);
  });

  it.each(["abc", "-1", "70000", "30.5", "1e3", "0x50"])("says what a port must be for PORT=%s", (port) => {
    expect(problemsOf({ PORT: port })).toEqual([`PORT must be a whole number between 1 and 65535, got "${port}"`]);
  });

  it("refuses an unknown top-level settings key like a nested one, together with env problems", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cfg-")), "overrides.json");
    writeFileSync(file, JSON.stringify({ foo: 1, http: { bodyLimitKB: 1 } }));
    expect(problemsOf({ STEWARD_CONFIG_FILE: file, PORT: "abc" })).toEqual([
      'PORT must be a whole number between 1 and 65535, got "abc"',
      "settings.http.bodyLimitKB: unknown setting; remove it or fix its spelling",
      "settings.foo: unknown setting; remove it or fix its spelling",
    ]);
  });

  it("says what to do about an overrides file that is missing or not an object", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    expect(problemsOf({ STEWARD_CONFIG_FILE: join(dir, "missing.json") })).toEqual([expect.stringMatching(/missing\.json cannot be read \(ENOENT\); fix the path in STEWARD_CONFIG_FILE/)]);
    writeFileSync(join(dir, "list.json"), "[1]");
    expect(problemsOf({ STEWARD_CONFIG_FILE: join(dir, "list.json") })).toEqual([expect.stringContaining("must hold one JSON object")]);
  });
});

describe("loadConfig: STEWARD_TRUST_PROXY", () => {
  it.each([
    [undefined, 0], ["false", 0], ["0", 0], ["true", 1], ["TRUE", 1], ["1", 1], ["2", 2], ["10", 10],
  ])("reads %j as %i trusted proxies", (value, hops) => {
    expect(loadConfig({ STEWARD_TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it.each(["yes", "-1", "11", "1.5", "loopback"])("refuses %j and says what it may be", (value) => {
    expect(problemsOf({ STEWARD_TRUST_PROXY: value })).toEqual([
      `STEWARD_TRUST_PROXY must be false, true (one proxy) or the number of proxies in front of the steward (0-10), got "${value}"`,
    ]);
  });
});
