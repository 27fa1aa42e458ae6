import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those whose file name contains one of the NAMEs)
 * one after another and prints their figures. Figures are recorded in docs/benchmarks.md.
 */
const filters = process.argv.slice(2);
const dir = new URL(".", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (filters.length === 0 || filters.some((n) => f.includes(n)))).sort();
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(new URL(file, dir).pathname).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run === "function") await mod.run();
}
