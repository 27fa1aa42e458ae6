import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config/index.js";
import { createLogger, logFormatFor } from "../../../src/lib/logger.js";

/** A destination that collects what the logger writes. */
function sink(): { stream: Writable; text: () => Promise<string> } {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: async () => (await new Promise((r) => setTimeout(r, 20)), text) };
}

describe("log format", () => {
  it.each([
    [undefined, true, "pretty"],
    [undefined, false, "json"],
    ["json", true, "json"],
    ["pretty", false, "pretty"],
  ] as const)("LOG_FORMAT=%s on a terminal: %s → %s", (setting, tty, format) => {
    expect(logFormatFor(setting, tty)).toBe(format);
  });

  it("writes JSON lines by default, secrets redacted", async () => {
    const out = sink();
    createLogger("info", out.stream).info({ token: "s3cret", url: "http://localhost:3000/mini-app/" }, "steward ready");
    const line = JSON.parse((await out.text()).trim());
    expect(line).toMatchObject({ level: 30, svc: "steward", msg: "steward ready", token: "[redacted]" });
  });

  it("writes readable lines with pino-pretty: time, level, message, then the fields; secrets still redacted", async () => {
    const out = sink();
    createLogger("info", out.stream, "pretty").warn({ token: "s3cret", port: 3000 }, "demo mode: no DingTalk credentials");
    const text = await out.text();
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] WARN: demo mode: no DingTalk credentials\n/);
    expect(text).toContain('    token: "[redacted]"');
    expect(text).toContain("    port: 3000");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain('"level"');
  });

  it("is set with LOG_FORMAT (json | pretty; unset means decide by the terminal)", () => {
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:" }).logFormat).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:", LOG_FORMAT: "pretty" }).logFormat).toBe("pretty");
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:", LOG_FORMAT: "" }).logFormat).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: "sqlite::memory:", LOG_FORMAT: "xml" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual(['LOG_FORMAT must be one of json, pretty, got "xml"']);
  });
});
