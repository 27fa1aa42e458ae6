import { describe, expect, it } from "vitest";
import { markdownTable, renderBlock, replaceBlock } from "../../../bench/bench-doc.js";

const env = { date: "2026-12-01", node: "v20.20.2", cores: 2, load: "3.1" };

describe("bench tables written into docs/benchmarks.md", () => {
  it("renders rows as a markdown table with thousands separators and every key as a column", () => {
    expect(markdownTable([{ contracts: 10_000, "sweep ms": 2512.5 }, { contracts: 50_000, note: "a|b" }])).toBe([
      "| contracts | sweep ms | note |",
      "| --- | --- | --- |",
      "| 10,000 | 2512.5 |  |",
      "| 50,000 |  | a\\|b |",
    ].join("\n"));
  });

  it("replaces only what is between the named markers, keeping the markers and the rest of the document", () => {
    const doc = "# B\n\n<!-- bench:sweep -->\nold figures\n<!-- /bench:sweep -->\n\n<!-- bench:sweep-two -->\nkeep\n<!-- /bench:sweep-two -->\n";
    const body = renderBlock([{ title: "sweep", rows: [{ n: 1 }] }], env);
    const out = replaceBlock(doc, "sweep", body)!;
    expect(out).toBe(`# B\n\n<!-- bench:sweep -->\n${body}\n<!-- /bench:sweep -->\n\n<!-- bench:sweep-two -->\nkeep\n<!-- /bench:sweep-two -->\n`);
    expect(body).toContain("_Written by `npm run bench` on 2026-12-01: Node v20.20.2, 2 cores, load average 3.1");
    expect(replaceBlock(out, "sweep", body)).toBe(out);
  });

  it("says when the document has no block for a bench", () => {
    expect(replaceBlock("# B\n", "startup", "x")).toBeNull();
  });
});
