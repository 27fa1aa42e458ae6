/**
 * The one error type services throw. `code` is stable (clients and tests match on it); each edge maps it once:
 * HTTP to a status, the bot to a friendly reply, the CLI to an exit code.
 */
export const ERROR_CODES = {
  invalid_input: 400,
  invalid_config: 500,
  unsupported_file: 415,
  file_too_large: 413,
  not_a_contract: 422,
  parse_timeout: 422,
  amount_words_mismatch: 422,
  annex_missing: 422,
  customer_mismatch: 409,
  already_exists: 409,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  quota_exceeded: 409,
  confirmation_required: 409,
  dingtalk_error: 502,
  dingtalk_unavailable: 503,
  dingtalk_quota_exhausted: 503,
  database_unavailable: 503,
  internal: 500,
} as const;

/** A stable, snake_case error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure with a stable code and a message that tells the user what is wrong and what to do. */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** HTTP status this code maps to. */
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** True for an AppError (also across module copies, by name and code). */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && err.name === "AppError" && "code" in err);
}
