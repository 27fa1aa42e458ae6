import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inProcessCli } from "../../support/process-runner.js";

const fx = (name: string) => new URL(`../../fixtures/contracts/${name}`, import.meta.url).pathname;

const cli = inProcessCli;

describe("contract CLI", () => {
  const run = cli({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), "cli-")), "s.sqlite")}` });

  it("parses to a summary or to the spec JSON without touching the database", async () => {
    const summary = await run("contract", "parse", fx("reseller-basic.txt"));
    expect(summary.code).toBe(0);
    expect(summary.out).toContain("¥26,460.00（贰万陆仟肆佰陆拾元整 ✓）");
    const json = await run("contract", "parse", "--json", fx("direct-basic.txt"));
    const doc = JSON.parse(json.out);
    expect(doc).toMatchObject({ schemaVersion: 1, format: "direct", amount: { fen: 1280000 } });
    expect((await run("contract", "list")).out).toContain("No contracts yet");
  });

  it("fails with one clear line (and a JSON error with --json) for bad files", async () => {
    const missing = await run("contract", "parse", "/nope/合同.pdf");
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("File not found: /nope/合同.pdf") });
    const html = await run("contract", "parse", "--json", fx("page.html"));
    expect(html.code).toBe(1);
    expect(JSON.parse(html.out)).toEqual({ error: { code: "unsupported_file", message: expect.stringContaining("HTML") } });
    expect((await run("contract", "parse", fx("garbage.bin"))).code).toBe(1);
  });

  it("imports, recognises a repeat, lists and shows", async () => {
    const first = await run("contract", "import", fx("direct-basic.txt"), "--org", "ding-cli");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/✅ 已导入[\s\S]*服务期 2024-03-15 → 2025-03-14（12 个月，起始日取自签署日期/);
    expect((await run("contract", "import", fx("direct-basic.txt"), "--org", "ding-cli")).out).toContain("已导入过");
    expect((await run("contract", "list")).out).toMatch(/#1\s+active/);
    expect((await run("contract", "show", "1")).out).toContain("DING");
    expect((await run("contract", "show", "abc")).code).toBe(1);
    expect((await run("contract", "update", "1", "--paid-on", "2024-03-20")).out).toContain("paidOn");
  });

  it("refuses an amount mismatch unless forced, and bad options", async () => {
    const refused = await run("contract", "import", fx("direct-variant.txt"), "--org", "ding-cli2");
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining("amount_words_mismatch") });
    expect((await run("contract", "import", fx("direct-variant.txt"), "--org", "ding-cli2", "--force")).code).toBe(0);
    expect((await run("contract", "import", fx("reseller-basic.txt"), "--starts-on", "tomorrow")).err).toContain("YYYY-MM-DD");
    expect((await run("contract", "frobnicate")).code).toBe(2);
  });

  it("reports configuration problems with exit code 2", async () => {
    const bad = cli({ DATABASE_URL: "postgres://x" });
    const r = await bad("contract", "list");
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining("DATABASE_URL") });
  });
});
