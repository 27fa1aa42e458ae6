import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = new URL("../../../.ci/lint-layers.mjs", import.meta.url).pathname;
/** The rules come from the README's layer table, so every tree gets the project's README. */
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
let dir: string;

function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "lint-"));
  for (const [path, text] of Object.entries({ "README.md": README, ...files })) {
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

  it("reports an import cycle once, and ignores type-only imports", () => {
    const r = lint(tree({
      "src/services/a.service.ts": 'import { b } from "./b.service.js";\n/** A. */\nexport const a = () => b;\n',
      "src/services/b.service.ts": 'import { a } from "./a.service.js";\n/** B. */\nexport const b = () => a;\n',
    }));
    expect(r.ok).toBe(false);
    expect(r.out.match(/import cycle/g)).toHaveLength(1);
    expect(r.out).toContain("src/services/a.service.ts → src/services/b.service.ts → src/services/a.service.ts");
    expect(lint(tree({
      "src/services/a.service.ts": 'import type { B } from "./b.service.js";\n/** A. */\nexport type A = B;\n',
      "src/services/b.service.ts": 'import type { A } from "./a.service.js";\n/** B. */\nexport type B = A | 1;\n',
    }))).toMatchObject({ ok: true });
  });

  it("reads its rules from the README table, and refuses a README without one", () => {
    const r = lint(tree({ "README.md": "# x\n", "src/lib/a.ts": "/** A. */\nexport const a = 1;\n" }));
    expect(r.ok).toBe(false);
    expect(r.out).toContain("README.md: no layer table");
    const edited = README.replace("| `jobs/` · `http/` | edges: call services, never each other, never the database | services, domain, lib, config |", "| `jobs/` · `http/` | edges | services, domain, lib, config, db |");
    expect(edited).not.toBe(README);
    expect(lint(tree({ "README.md": edited, "src/http/x.route.ts": 'import { y } from "../db/y.repository.js";\n/** X. */\nexport const x = y;\n' }))).toMatchObject({ ok: true });
  });

  it("lets the server import the page's API types, and only as types", () => {
    expect(lint(tree({
      "mini-app/src/api-types.ts": "/** T. */\nexport interface T { a: number }\n",
      "src/http/x.presenter.ts": 'import type { T } from "../../mini-app/src/api-types.js";\n/** X. */\nexport const x: T = { a: 1 };\n',
    }))).toMatchObject({ ok: true });
  });

  it.each([
    ["an edge importing another edge", "src/http/x.route.ts", 'import { y } from "../bot/y.intent.js";\n', "layer 'http' may not import 'bot'"],
    ["an edge reaching into db", "src/bot/x.intent.ts", 'import { y } from "../db/y.repository.js";\n', "layer 'bot' may not import 'db'"],
    ["domain importing services", "src/domain/x-rule.ts", 'import { y } from "../services/y.service.js";\n', "layer 'domain' may not import 'services'"],
    ["domain doing I/O", "src/domain/x-rule.ts", 'import { readFileSync } from "node:fs";\n', "domain is pure"],
    ["domain reading the clock", "src/domain/x-rule.ts", "export const t = () => Date.now();\n", "may not read the clock"],
    ["a camelCase file name", "src/lib/myHelper.ts", "/** x. */\nexport const x = 1;\n", "kebab-case"],
    ["an export without JSDoc", "src/lib/helper.ts", "export function f(): number {\n  return 1;\n}\n", "without a JSDoc line"],
    ["the DingTalk clients importing the domain", "src/dingtalk/x-client.ts", 'import { y } from "../domain/y-rule.js";\n', "layer 'dingtalk' may not import 'domain'"],
    ["the page importing server code", "mini-app/src/x.view.ts", 'import { y } from "../../src/lib/y.js";\n', "the page may not import server code"],
    ["a page export without JSDoc", "mini-app/src/x.view.ts", "export const x = 1;\n", "without a JSDoc line"],
    ["a side-effect import across layers", "src/domain/x-rule.ts", 'import "../services/y.service.js";\n', "layer 'domain' may not import 'services'"],
    ["a createRequire of another layer", "src/http/x.route.ts", 'const r = createRequire(import.meta.url);\nr("../db/y.repository.js");\n', "layer 'http' may not import 'db'"],
    ["a dynamic import across layers", "src/jobs/x.job.ts", 'await import("../bot/y.intent.js");\n', "layer 'jobs' may not import 'bot'"],
    ["src importing test code", "src/services/x.service.ts", 'import { f } from "../../test/support/f.js";\n', "may not import test code"],
    ["domain timing with performance.now()", "src/domain/x-rule.ts", "export const t = () => performance.now();\n", "performance.now()"],
    ["domain using Math.random()", "src/domain/x-rule.ts", "export const r = () => Math.random();\n", "Math.random()"],
    ["a test reading ../shared", "test/unit/x.test.ts", 'import s from "../../../shared/seeds/a.txt";\n', "tests may not read ../shared"],
    ["the server importing page code", "src/http/x.presenter.ts", 'import { y } from "../../mini-app/src/main.js";\n', "layer 'http' may not import 'page'"],
  ])("rejects %s", (_name, path, text, message) => {
    const r = lint(tree({ [path]: text }));
    expect(r.ok).toBe(false);
    expect(r.out).toContain(message);
  });
});
