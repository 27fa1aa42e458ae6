import type { Context, Next } from "koa";

/** Conservative security headers on every response; the page may only talk to its own origin. */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  await next();
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("Referrer-Policy", "no-referrer");
  ctx.set("X-Frame-Options", "SAMEORIGIN");
  ctx.set("Cross-Origin-Opener-Policy", "same-origin");
  ctx.set(
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
  );
}
