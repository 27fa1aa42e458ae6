/**
 * The page as a phone on a slow CPU gets it: bytes of JS and CSS actually transferred (with the encoding Chromium
 * asks for and the server answers, `Content-Encoding`), and the first render of the summary with Chromium's CPU
 * throttled 4× (DevTools `Emulation.setCPUThrottlingRate`), against a baseline in the same run: the first paint of
 * the static shell with the JS blocked, throttled the same. Median of N cold loads (BENCH_RUNS, default 7), real
 * steward in-process in demo mode. Goals: JS ≤ 35 KB on the wire, first render ≤ 800 ms at 4× throttling.
 * `npx tsx bench/mini-app-wire.bench.ts`.
 */
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { MOBILE, ensureMiniAppBuilt, launchChromium, waitForState } from "../test/browser/chromium.js";
import { startRealBackend } from "../test/browser/real-backend.js";
import { median, printTable } from "./bench-kit.js";

/** What one cold load transferred and how long it took to render. */
interface Load {
  jsBytes: number;
  cssBytes: number;
  encodings: string[];
  renderedMs: number;
}

async function throttled(browser: Browser, rate: number): Promise<Page> {
  const context = await browser.newContext(MOBILE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return page;
}

async function load(browser: Browser, url: string, rate: number): Promise<Load> {
  const page = await throttled(browser, rate);
  const sizes = { js: 0, css: 0 };
  const encodings = new Set<string>();
  page.on("response", async (res) => {
    const path = new URL(res.url()).pathname;
    if (!/\.(js|css)$/.test(path)) return;
    const sizesOf = await res.request().sizes().catch(() => null);
    const wire = sizesOf ? sizesOf.responseBodySize : 0;
    if (path.endsWith(".js")) sizes.js += wire;
    else sizes.css += wire;
    encodings.add((await res.allHeaders())["content-encoding"] ?? "identity");
  });
  await page.goto(url);
  await waitForState(page, "ready", 30_000);
  const renderedMs = (await page.evaluate(`performance.getEntriesByName("steward:rendered")[0].startTime`)) as number;
  await page.context().close();
  return { jsBytes: sizes.js, cssBytes: sizes.css, encodings: [...encodings], renderedMs };
}

async function shellPaint(browser: Browser, url: string, rate: number): Promise<number> {
  const page = await throttled(browser, rate);
  await page.route("**/assets/*.js", (route) => route.abort());
  await page.goto(url);
  const ms = (await page.evaluate(`new Promise((resolve) => {
    const found = () => performance.getEntriesByName("first-paint")[0];
    if (found()) return resolve(found().startTime);
    new PerformanceObserver(() => found() && resolve(found().startTime)).observe({ type: "paint", buffered: true });
    setTimeout(() => resolve(NaN), 10000);
  })`)) as number;
  await page.context().close();
  return ms;
}

/** Runs the bench and prints one line per throttling rate; returns the figures. */
export async function run(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<Record<string, number>[]> {
  ensureMiniAppBuilt();
  const backend = await startRealBackend({ mode: "demo" });
  const browser = await launchChromium();
  const out: Record<string, number>[] = [];
  try {
    const url = `${backend.baseUrl}/mini-app/`;
    for (const rate of [1, 4]) {
      const loads: Load[] = [];
      const shells: number[] = [];
      for (let i = 0; i < runs; i++) {
        shells.push(await shellPaint(browser, url, rate));
        loads.push(await load(browser, url, rate));
      }
      const row = {
        cpuSlowdown: rate, runs, jsKbOnWire: Math.round(median(loads.map((l) => l.jsBytes)) / 102.4) / 10,
        cssKbOnWire: Math.round(median(loads.map((l) => l.cssBytes)) / 102.4) / 10,
        shellPaintMs: Math.round(median(shells)), renderedMs: Math.round(median(loads.map((l) => l.renderedMs))),
        minRenderedMs: Math.round(Math.min(...loads.map((l) => l.renderedMs))),
      };
      out.push(row);
      console.log(`CPU ÷${rate}: JS ${row.jsKbOnWire} KB + CSS ${row.cssKbOnWire} KB on the wire (${loads[0]!.encodings.join(", ")}); ` +
        `shell paint ${row.shellPaintMs} ms, summary rendered ${row.renderedMs} ms (min ${row.minRenderedMs}), ×${(row.renderedMs / row.shellPaintMs).toFixed(2)} of the shell`);
    }
  } finally {
    await browser.close();
    await backend.close();
  }
  printTable(`Page on the wire and first render (median of ${runs} cold loads, demo mode, 375×667)`, out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
