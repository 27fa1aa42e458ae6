import type { z } from "zod";
import { AppError } from "./app-error.js";

/**
 * Validates `raw` with a zod schema and returns the parsed value, or throws AppError("invalid_input") naming the first
 * field that is wrong and why ("startsOn: must be a date YYYY-MM-DD."); `whole` names the input when no field does.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, whole = "input"): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".") || whole;
  throw new AppError("invalid_input", `${field}: ${issue.message}.`, { field });
}
