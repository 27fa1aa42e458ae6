import type { Context, Next } from "koa";
import type { Clock } from "../../lib/clock.js";
import { AppError } from "../../lib/app-error.js";

/** A fixed-window rate limit per client IP (in memory, per instance): `max` requests per `windowMs`. */
export function rateLimit(opts: { max: number; windowMs: number; clock: Clock }) {
  const hits = new Map<string, { start: number; count: number }>();
  return async function limitRate(ctx: Context, next: Next): Promise<void> {
    const now = opts.clock.now().getTime();
    if (hits.size > 10_000) for (const [k, v] of hits) if (now - v.start >= opts.windowMs) hits.delete(k);
    const entry = hits.get(ctx.ip);
    if (!entry || now - entry.start >= opts.windowMs) hits.set(ctx.ip, { start: now, count: 1 });
    else if (++entry.count > opts.max) {
      ctx.set("Retry-After", String(Math.ceil((entry.start + opts.windowMs - now) / 1000)));
      throw new AppError("rate_limited", "Too many sign-in attempts; wait a minute and try again.");
    }
    await next();
  };
}
