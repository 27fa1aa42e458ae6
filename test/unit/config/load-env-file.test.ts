import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadEnvFile } from "../../../src/config/index.js";

const NAMES = ["STEWARD_T_FROM_FILE", "STEWARD_T_ALREADY_SET", "STEWARD_T_EMPTY"];
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

describe("loadEnvFile", () => {
  it("does nothing and returns null without a .env in the directory", () => {
    expect(loadEnvFile(mkdtempSync(join(tmpdir(), "envfile-")))).toBeNull();
  });

  it("reads .env into process.env, keeps variables already set and returns the file it read", () => {
    const dir = mkdtempSync(join(tmpdir(), "envfile-"));
    writeFileSync(join(dir, ".env"), "# a comment\nSTEWARD_T_FROM_FILE=from file\nSTEWARD_T_ALREADY_SET=from file\nSTEWARD_T_EMPTY=\n");
    process.env.STEWARD_T_ALREADY_SET = "from the environment";
    expect(loadEnvFile(dir)).toBe(join(dir, ".env"));
    expect(process.env.STEWARD_T_FROM_FILE).toBe("from file");
    expect(process.env.STEWARD_T_ALREADY_SET).toBe("from the environment");
    expect(process.env.STEWARD_T_EMPTY).toBe("");
  });

  it("feeds loadConfig: a copied .env.example with blanks starts in demo mode", () => {
    const env = { PORT: "", STEWARD_ADMIN_TOKEN: "", STEWARD_SESSION_SECRET: "", STEWARD_PUBLIC_URL: "", DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "" };
    expect(loadConfig(env)).toMatchObject({ port: 3000, demo: true });
  });

  it("refuses a .env that cannot be read, saying what to do", () => {
    const dir = mkdtempSync(join(tmpdir(), "envfile-"));
    mkdirSync(join(dir, ".env"));
    const err = (() => {
      try {
        loadEnvFile(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(/\.env cannot be read .*; make it a readable file of NAME=value lines, or remove it$/)]);
  });
});
