import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import type { Logger } from "../../lib/logger.js";
import type { Metrics } from "../../lib/metrics.js";

/** Assigns a request id (honouring a sane incoming X-Request-Id), logs one line per request and records metrics. */
export function requestContext(log: Logger, metrics?: Metrics) {
  return async function withRequestContext(ctx: Context, next: Next): Promise<void> {
    const incoming = ctx.get("x-request-id");
    const id = /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set("X-Request-Id", id);
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith("/mini-app") ? "/mini-app" : "unmatched");
      metrics?.httpRequests.inc({ method: ctx.method, route, status: String(ctx.status) });
      metrics?.httpDuration.observe({ method: ctx.method, route }, seconds);
      if (!ctx.path.startsWith("/healthz") && !ctx.path.startsWith("/metrics")) {
        log.info({ reqId: id, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(seconds * 1000) }, "http");
      }
    }
  };
}
