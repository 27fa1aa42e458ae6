import type { Context, Next } from "koa";
import { asKnownError } from "../../lib/db-errors.js";
import type { Logger } from "../../lib/logger.js";

/**
 * The HTTP edge's one error mapping: AppError → its status and `{error: {code, message}}` (503s carry Retry-After);
 * a database outage (driver/ORM error, see lib/db-errors) → 503 `database_unavailable`; Koa/http errors with an
 * exposed status keep it; anything else → 500 with a generic message (the full error is logged, never sent).
 */
export function errorMapper(log: Logger) {
  return async function mapErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: "not_found", message: `No route for ${ctx.method} ${ctx.path}.` } };
      }
    } catch (err) {
      const known = asKnownError(err);
      if (known) {
        ctx.status = known.status;
        ctx.body = { error: { code: known.code, message: known.message } };
        if (known.status === 503 && !ctx.response.get("Retry-After")) ctx.set("Retry-After", String(retryAfterOf(known.details)));
        if (known.status >= 500) log.error({ err, reqId: ctx.state.requestId, code: known.code }, "request failed");
        return;
      }
      const e = err as { status?: number; expose?: boolean; message?: string; type?: string };
      if (e.status && e.status >= 400 && e.status < 500) {
        ctx.status = e.status;
        const code = e.status === 413 ? "file_too_large" : e.status === 415 ? "unsupported_file" : "invalid_input";
        const message =
          e.status === 413 ? "The request body is too large; send a smaller one." : e.expose && e.message ? e.message : "The request body could not be read; send valid JSON.";
        ctx.body = { error: { code, message } };
        return;
      }
      log.error({ err, reqId: ctx.state.requestId }, "unhandled error");
      ctx.status = 500;
      ctx.body = { error: { code: "internal", message: "Something went wrong on our side; it has been logged. Please retry." } };
    }
  };
}

/** Retry-After of a 503 whose error names no delay. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfterOf(details: Record<string, unknown> | undefined): number {
  const s = details?.retryAfterSeconds;
  return typeof s === "number" && s > 0 ? Math.ceil(s) : DEFAULT_RETRY_AFTER_SECONDS;
}
