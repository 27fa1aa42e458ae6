/**
 * Browser harness for the page tests and bench: launches Debian Chromium through playwright-core (never a
 * downloaded browser), builds the page when it is missing or stale, and emulates the DingTalk iOS container
 * (DingTalk UA + a fake `WebViewJavascriptBridge`) so the real dingtalk-jsapi login path runs.
 */
import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeAll } from "vitest";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

/** Flags known to work with Debian Chromium on these machines (no background network, no sandbox in CI). */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const ROOT = new URL("../../", import.meta.url).pathname;

/** Path of the Chromium binary: `CHROMIUM_PATH` or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Launches headless Chromium with a fresh temporary profile (user-data-dir) per launch. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (as root): apt-get install -y chromium fonts-wqy-microhei, or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` for mini-app/ when dist is missing or older than its sources; returns the dist path. */
export function ensureMiniAppBuilt(): string {
  const app = join(ROOT, "mini-app");
  const dist = join(app, "dist");
  const index = join(dist, "index.html");
  const sources = Math.max(newestMtime(join(app, "src")), statSync(join(app, "index.html")).mtimeMs, statSync(join(app, "vite.config.ts")).mtimeMs);
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync(join(ROOT, "node_modules/.bin/vite"), ["build", "--config", "mini-app/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT, stdio: "inherit", timeout: 120_000,
    });
  }
  return dist;
}

/** A DingTalk 7.6.0 iOS user agent (what dingtalk-jsapi's env detection reads). */
export const DINGTALK_IOS_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 " +
  "AliApp(DingTalk/7.6.0) DingTalk/7.6.0 Channel/201200";

/** How the fake DingTalk container behaves. */
export interface DingTalkEmulation {
  /** Codes `runtime.permission.requestAuthCode` returns, in order; the last one repeats (a replay). */
  authCodes?: string[];
  /**
   * Mints a fresh code for every `requestAuthCode` instead (like DingTalk, also across reloads); wins over
   * `authCodes`. Runs in the test process through an exposed binding.
   */
  mintCode?: () => string | Promise<string>;
  /** Answer requestAuthCode with a user cancel (`errorCode "-1"`) instead. */
  cancelAuth?: boolean;
  /** Add `colorScheme/dark` to the UA, the way DingTalk signals its dark theme. */
  darkUa?: boolean;
  /** Container language given through the `window.name` JSON (dingtalk-jsapi's `env.language`). */
  language?: string;
}

/** Name of the binding through which the bridge asks the test for a fresh code. */
const MINT_BINDING = "__stewardMintAuthCode";

/**
 * Init script installing `window.WebViewJavascriptBridge` as DingTalk iOS does: dingtalk-jsapi's h5Ios bridge
 * calls `init(fn)` once, then `callHandler(apiName, params, callback)` and expects `{errorCode: "0", result}`
 * ("-1" = cancelled, anything else = failure). Calls are recorded on `window.__ddCalls`.
 */
export function dingTalkBridgeScript(opts: DingTalkEmulation): string {
  const config = JSON.stringify({
    codes: opts.authCodes ?? [], mint: Boolean(opts.mintCode), cancel: opts.cancelAuth ?? false, language: opts.language ?? null,
  });
  return `(() => {
  const cfg = ${config};
  let next = 0;
  const calls = [];
  Object.defineProperty(window, "__ddCalls", { value: calls });
  if (cfg.language) window.name = JSON.stringify({ language: cfg.language });
  window.WebViewJavascriptBridge = {
    init() {},
    registerHandler() {},
    callHandler(method, params, callback) {
      calls.push({ method, params: JSON.parse(JSON.stringify(params || {})) });
      setTimeout(() => {
        if (method === "runtime.permission.requestAuthCode") {
          if (cfg.cancel) return callback({ errorCode: "-1", errorMessage: "user cancelled" });
          if (cfg.mint) return window.${MINT_BINDING}().then((code) => callback({ errorCode: "0", result: { code } }));
          const code = cfg.codes[Math.min(next, cfg.codes.length - 1)];
          next += 1;
          return callback({ errorCode: "0", result: { code } });
        }
        callback({ errorCode: "0", result: {} });
      }, 5);
    },
  };
})();`;
}

/** Phone-sized context defaults: 375×667 @2x, Chinese locale, Shanghai time. */
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
};

/** A browser context that looks like the DingTalk iOS container, with the fake bridge installed. */
export async function newDingTalkContext(browser: Browser, emulation: DingTalkEmulation, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const userAgent = DINGTALK_IOS_UA + (emulation.darkUa ? " colorScheme/dark" : "");
  const context = await browser.newContext({ ...MOBILE, ...options, userAgent });
  const mint = emulation.mintCode;
  if (mint) await context.exposeFunction(MINT_BINDING, () => mint());
  await context.addInitScript({ content: dingTalkBridgeScript(emulation) });
  return context;
}

/** The bridge calls the page made, in order. */
export async function bridgeCalls(page: Page): Promise<{ method: string; params: Record<string, unknown> }[]> {
  return page.evaluate("window.__ddCalls || []");
}

/** Collects page errors and console errors, so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/** Waits until the page settles in a state (`#app[data-state=…]` with `aria-busy` cleared). */
export async function waitForState(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.waitForSelector(`#app[data-state="${state}"]:not([aria-busy])`, { timeout });
}

/** What a page-test file gets from {@link chromiumSuite}. */
export interface ChromiumSuite {
  readonly browser: Browser;
  /** The built page's directory. */
  readonly dist: string;
  /** Closes `server` after the current test. */
  track<T extends { close(): Promise<void> }>(server: T): T;
}

/**
 * Registers the hooks every page-test file needs: the page built and one Chromium launched before the tests, every
 * browser context and tracked server closed after each test, Chromium closed at the end.
 */
export function chromiumSuite(): ChromiumSuite {
  let browser: Browser | undefined;
  let dist = "";
  const open: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    dist = ensureMiniAppBuilt();
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("Chromium is not running yet (use the suite inside a test)");
      return browser;
    },
    get dist() {
      return dist;
    },
    track(server) {
      open.push(server);
      return server;
    },
  };
}

/** Opens every folded section of the page (`details.fold`, closed on phones) the way a user does: one tap each. */
export async function openFolds(page: Page): Promise<void> {
  const closed = page.locator("details.fold:not([open]) > summary:visible");
  while ((await closed.count()) > 0) await closed.first().click();
}
