import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { currentEnvironment, renderBlock, replaceBlock } from "./bench-doc.js";
import { takeTables } from "./bench-kit.js";

/**
 * `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those whose file name contains one of the NAMEs)
 * one after another, prints their figures, and writes the tables each printed into docs/benchmarks.md between
 * `<!-- bench:STEM -->` and `<!-- /bench:STEM -->` (STEM: the file name without `.bench.ts`), so the document shows
 * only figures a run measured. `BENCH_DOC=0` prints without writing.
 */
const filters = process.argv.slice(2);
const dir = new URL(".", import.meta.url);
const docPath = new URL("../docs/benchmarks.md", import.meta.url);
const write = process.env.BENCH_DOC !== "0";
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (filters.length === 0 || filters.some((n) => f.includes(n)))).sort();
for (const file of files) {
  console.log(`\n# ${file}`);
  takeTables();
  const mod = (await import(pathToFileURL(new URL(file, dir).pathname).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run === "function") await mod.run();
  const tables = takeTables();
  if (!write || tables.length === 0) continue;
  const stem = file.replace(/\.bench\.ts$/, "");
  const doc = replaceBlock(readFileSync(docPath, "utf8"), stem, renderBlock(tables, currentEnvironment()));
  if (doc === null) console.log(`(docs/benchmarks.md has no <!-- bench:${stem} --> block; its tables were not written)`);
  else {
    writeFileSync(docPath, doc);
    console.log(`(written into docs/benchmarks.md, block bench:${stem})`);
  }
}
