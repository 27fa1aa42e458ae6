import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = new URL("../../../.ci/lint-layers.mjs", import.meta.url).pathname;
let dir: string;

function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "lint-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lint(root: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync("node", [script, root], { encoding: "utf8", stdio: "pipe" }) };
  } catch (err) {
    const e = err as { stdout: string; stderr: string };
    return { ok: false, out: e.stdout + e.stderr };
  }
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("layer lint", () => {
  it("accepts edges → services → domain", () => {
    const r = lint(tree({
      "src/domain/a-rule.ts": "/** A. */\nexport const a = 1;\n",
      "src/services/a.service.ts": 'import { a } from "../domain/a-rule.js";\n/** B. */\nexport const b = a;\n',
      "src/http/a.route.ts": 'import { b } from "../services/a.service.js";\n/** C. */\nexport const c = b;\n',
    }));
    expect(r).toMatchObject({ ok: true });
  });

  it.each([
    ["an edge importing another edge", "src/http/x.route.ts", 'import { y } from "../bot/y.intent.js";\n', "layer 'http' may not import 'bot'"],
    ["an edge reaching into db", "src/bot/x.intent.ts", 'import { y } from "../db/y.repository.js";\n', "layer 'bot' may not import 'db'"],
    ["domain importing services", "src/domain/x-rule.ts", 'import { y } from "../services/y.service.js";\n', "layer 'domain' may not import 'services'"],
    ["domain doing I/O", "src/domain/x-rule.ts", 'import { readFileSync } from "node:fs";\n', "domain is pure"],
    ["domain reading the clock", "src/domain/x-rule.ts", "export const t = () => Date.now();\n", "may not read the clock"],
    ["a camelCase file name", "src/lib/myHelper.ts", "/** x. */\nexport const x = 1;\n", "kebab-case"],
    ["an export without JSDoc", "src/lib/helper.ts", "export function f(): number {\n  return 1;\n}\n", "without a JSDoc line"],
  ])("rejects %s", (_name, path, text, message) => {
    const r = lint(tree({ [path]: text }));
    expect(r.ok).toBe(false);
    expect(r.out).toContain(message);
  });
});
