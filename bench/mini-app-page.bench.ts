/**
 * Workbench page bench: weight of the built JS/CSS (raw and gzip, against the 35 KB / 10 KB budget) and first
 * render in headless Chromium (median of N cold loads), against a baseline measured in the same run: the first
 * paint of the static HTML shell (skeleton) with the JS blocked. The backend is the real steward (in-process,
 * SQLite :memory:, seeded contract), in demo mode and in DingTalk mode against the fake DingTalk.
 * Run: `npx tsx bench/mini-app-page.bench.ts` (BENCH_RUNS=N).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext } from "playwright-core";
import { MOBILE, ensureMiniAppBuilt, launchChromium, newDingTalkContext, waitForState } from "../test/browser/chromium.js";
import { REAL_CORP_ID, startRealBackend } from "../test/browser/real-backend.js";

/** Sizes in bytes of one built asset. */
export interface AssetSize {
  file: string;
  raw: number;
  gzip: number;
}

/** Timings in milliseconds from navigation start (medians over `runs` cold loads). */
export interface RenderTimes {
  mode: string;
  runs: number;
  /** Baseline: first paint of the static shell (skeleton) with the JS blocked. */
  shellPaintMs: number;
  /** Summary rendered (`performance.mark("steward:rendered")`). */
  renderedMs: number;
  /** renderedMs / shellPaintMs. */
  ratio: number;
}

/** Everything the bench measured. */
export interface PageBenchResult {
  assets: AssetSize[];
  jsGzip: number;
  cssGzip: number;
  render: RenderTimes[];
}

const JS_BUDGET = 35 * 1024;
const CSS_BUDGET = 10 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measureAssets(dist: string): AssetSize[] {
  const dir = join(dist, "assets");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
}

const PAINT = `new Promise((resolve) => {
  const found = () => performance.getEntriesByName("first-paint")[0];
  if (found()) return resolve(found().startTime);
  new PerformanceObserver(() => found() && resolve(found().startTime)).observe({ type: "paint", buffered: true });
  setTimeout(() => resolve(NaN), 5000);
})`;

async function firstPaint(open: () => Promise<BrowserContext>, url: string): Promise<number> {
  const context = await open();
  const page = await context.newPage();
  await page.route("**/assets/*.js", (route) => route.abort());
  await page.goto(url);
  const fcp = (await page.evaluate(PAINT)) as number;
  await context.close();
  return fcp;
}

async function timeLoads(mode: string, runs: number, open: () => Promise<BrowserContext>, url: string): Promise<RenderTimes> {
  const fcp: number[] = [];
  const rendered: number[] = [];
  for (let i = 0; i < runs; i++) {
    fcp.push(await firstPaint(open, url));
    const context = await open();
    const page = await context.newPage();
    await page.goto(url);
    await waitForState(page, "ready");
    rendered.push((await page.evaluate(`performance.getEntriesByName("steward:rendered")[0].startTime`)) as number);
    await context.close();
  }
  const shellPaintMs = median(fcp);
  const renderedMs = median(rendered);
  return { mode, runs, shellPaintMs, renderedMs, ratio: renderedMs / shellPaintMs };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/** Measures page weight and first render, prints a table, and returns the figures. */
export async function run(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<PageBenchResult> {
  const dist = ensureMiniAppBuilt();
  const assets = measureAssets(dist);
  const jsGzip = assets.filter((a) => a.file.endsWith(".js")).reduce((n, a) => n + a.gzip, 0);
  const cssGzip = assets.filter((a) => a.file.endsWith(".css")).reduce((n, a) => n + a.gzip, 0);

  const demo = await startRealBackend({ mode: "demo" });
  const real = await startRealBackend({ mode: "dingtalk" });
  let browser: Browser | null = null;
  const render: RenderTimes[] = [];
  try {
    browser = await launchChromium();
    const b = browser;
    render.push(await timeLoads("browser, demo session", runs, () => b.newContext(MOBILE), `${demo.baseUrl}/mini-app/`));
    render.push(
      await timeLoads(
        "emulated DingTalk iOS (requestAuthCode)",
        runs,
        () => newDingTalkContext(b, { mintCode: () => real.mintCodes("admin")[0]! }),
        `${real.baseUrl}/mini-app/?corpId=${REAL_CORP_ID}`,
      ),
    );
  } finally {
    await browser?.close();
    await demo.close();
    await real.close();
  }

  console.log("mini-app page weight");
  for (const a of assets) console.log(`  ${a.file.padEnd(28)} raw ${kb(a.raw).padStart(9)}  gzip ${kb(a.gzip).padStart(8)}`);
  console.log(`  JS  gzip ${kb(jsGzip)} / budget ${kb(JS_BUDGET)} (${((jsGzip / JS_BUDGET) * 100).toFixed(0)}%)`);
  console.log(`  CSS gzip ${kb(cssGzip)} / budget ${kb(CSS_BUDGET)} (${((cssGzip / CSS_BUDGET) * 100).toFixed(0)}%)`);
  console.log(`mini-app first render, median of ${runs} cold loads (375×667, the real steward in-process; DingTalk = fake DingTalk on loopback)`);
  for (const r of render) {
    console.log(`  ${r.mode.padEnd(42)} shell first paint ${r.shellPaintMs.toFixed(0).padStart(4)} ms  summary ${r.renderedMs.toFixed(0).padStart(4)} ms  ×${r.ratio.toFixed(2)} of baseline`);
  }
  return { assets, jsGzip, cssGzip, render };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
