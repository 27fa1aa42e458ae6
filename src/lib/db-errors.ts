import { AppError, isAppError } from "./app-error.js";

/**
 * Recognises "the database cannot be used right now" by the error's shape, so edges can answer "try again" instead of
 * "internal error" without importing the ORM or a driver. It looks at the error, its `driverError` (TypeORM's
 * QueryFailedError) and its `cause`, and matches stable `code` strings of the drivers.
 */

/** Driver and socket codes that mean the server is unreachable, gone, overloaded or busy. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST", "PROTOCOL_SEQUENCE_TIMEOUT", "ER_CON_COUNT_ERROR", "ER_TOO_MANY_USER_CONNECTIONS",
  "ER_SERVER_SHUTDOWN", "ER_CONNECTION_KILLED", "ER_CLIENT_INTERACTION_TIMEOUT",
]);

/** SQLite primary codes (and their extended forms such as SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE) that mean "not now". */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|CANTOPEN|IOERR)(_[A-Z_]+)?$/;

/** TypeORM's and better-sqlite3's words for "the DataSource/connection is closed" (they carry no code). */
const NOT_CONNECTED = /Connection is not established with \w+ database|database connection is not open|Pool is closed/i;

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 60;

/** What API callers read while the database is unavailable. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "The steward's database is not reachable; try again in a minute. Operators: check DATABASE_URL and the database server.";

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

function matches(e: ErrorShape): boolean {
  const code = typeof e.code === "string" ? e.code : "";
  if (UNAVAILABLE_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
  if (e.name === "CannotExecuteNotConnectedError" || e.name === "ConnectionIsNotSetError") return true;
  return typeof e.message === "string" && NOT_CONNECTED.test(e.message);
}

/**
 * True when `err` says the database is down, unreachable, overloaded (too many connections) or busy (SQLITE_BUSY
 * after the busy timeout), or the connection was closed; false for query mistakes such as constraint violations.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const shape = e as ErrorShape;
    if (matches(shape)) return true;
    if (shape.driverError && typeof shape.driverError === "object" && matches(shape.driverError as ErrorShape)) return true;
    e = shape.cause;
  }
  return false;
}

/**
 * The AppError an edge should report for `err`: the error itself when it already is one, `database_unavailable`
 * (with `retryAfterSeconds`) when the database cannot be used, else null (an unexpected failure).
 */
export function asKnownError(err: unknown): AppError | null {
  if (isAppError(err)) return err;
  if (isDatabaseUnavailable(err)) {
    return new AppError("database_unavailable", DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  }
  return null;
}
