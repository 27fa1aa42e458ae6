import { isAppError } from "../../src/lib/app-error.js";

/** Runs `fn` and returns the AppError code it threw, null when it did not throw, or "not an AppError". */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return isAppError(err) ? err.code : "not an AppError";
  }
}
