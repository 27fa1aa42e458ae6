import type { Context, Next } from "koa";

/**
 * The page's policy: its own scripts and styles only (Vite emits no inline script; dingtalk-jsapi is bundled and
 * talks to the container through injected bridges and postMessage, not remote scripts), API calls to its own origin,
 * never framed (the DingTalk client opens H5 micro-apps as a top-level webview).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Everything that is not an HTML page (JSON, metrics, assets, redirects) may load and embed nothing. */
export const LOCKED_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Security headers on every answer, errors included: mounted outside the error mapper, it runs after the answer is
 * final. nosniff, no referrer, no framing (X-Frame-Options DENY and CSP frame-ancestors 'none' agree), the page CSP
 * on HTML and a locked CSP elsewhere, and `Cache-Control: no-store` unless a successful answer chose its own caching
 * (static assets).
 */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } finally {
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set("X-Frame-Options", "DENY");
    ctx.set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.set("Content-Security-Policy", ctx.response.is("html") ? PAGE_CSP : LOCKED_CSP);
    if (ctx.status >= 400 || !ctx.response.get("Cache-Control")) ctx.set("Cache-Control", "no-store");
  }
}
