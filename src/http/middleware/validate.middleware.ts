import type { Context, Next } from "koa";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { parseInput } from "../../lib/parse-input.js";

/** Where validated input is read from. */
export type InputSource = "body" | "query" | "params";

/** Validates one part of the request with a zod schema into `ctx.state.input[source]`; 400 naming the field otherwise. */
export function validate<S extends z.ZodType>(source: InputSource, schema: S) {
  return async function validateInput(ctx: Context, next: Next): Promise<void> {
    const raw = source === "body" ? (ctx.request as { body?: unknown }).body : source === "query" ? ctx.query : ctx.params;
    ctx.state.input = { ...(ctx.state.input ?? {}), [source]: parseInput(schema, raw ?? {}, source) };
    await next();
  };
}

/** Requires a JSON request body (415 otherwise), before the body parser runs. */
export async function requireJson(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is("application/json")) throw new AppError("unsupported_file", "Send the request body as JSON (Content-Type: application/json).");
  await next();
}
