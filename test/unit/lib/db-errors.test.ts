import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryFailedError } from "typeorm";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/app-error.js";
import { asKnownError, isDatabaseUnavailable } from "../../../src/lib/db-errors.js";

/** The raw driver (it ships no types; only these calls are used). */
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => { exec(sql: string): void; pragma(s: string): unknown; close(): void };

const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`driver says ${code}`), { code, ...extra });
const wrapped = (driverError: Error) => new QueryFailedError("SELECT 1", [], driverError);

/** A real SQLITE_BUSY: another connection holds the write lock and this one does not wait. */
function realSqliteBusy(): Error {
  const file = join(mkdtempSync(join(tmpdir(), "busy-")), "db.sqlite");
  const holder = new Database(file);
  const other = new Database(file);
  other.pragma("busy_timeout = 0");
  holder.exec("CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
  try {
    other.exec("INSERT INTO t VALUES (2)");
    throw new Error("expected SQLITE_BUSY");
  } catch (err) {
    return err as Error;
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
    other.close();
  }
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["ECONNREFUSED from the pool (mysql2, raw)", coded("ECONNREFUSED", { errno: -111, fatal: true })],
    ["PROTOCOL_CONNECTION_LOST inside QueryFailedError", wrapped(coded("PROTOCOL_CONNECTION_LOST", { fatal: true }))],
    ["ER_CON_COUNT_ERROR (too many connections)", wrapped(coded("ER_CON_COUNT_ERROR", { errno: 1040 }))],
    ["ETIMEDOUT connecting", coded("ETIMEDOUT")],
    ["ECONNRESET mid-query", wrapped(coded("ECONNRESET"))],
    ["ER_SERVER_SHUTDOWN", wrapped(coded("ER_SERVER_SHUTDOWN", { errno: 1053 }))],
    ["a real SQLITE_BUSY", realSqliteBusy()],
    ["a real SQLITE_BUSY inside QueryFailedError", wrapped(realSqliteBusy())],
    ["SQLITE_IOERR_WRITE", coded("SQLITE_IOERR_WRITE")],
    ["a closed TypeORM mysql DataSource", new Error("Connection is not established with mysql database")],
    ["a closed better-sqlite3 connection", wrapped(new TypeError("The database connection is not open"))],
    ["the cause of a wrapper", new Error("loading failed", { cause: coded("ECONNREFUSED") })],
  ])("recognises %s", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["a unique violation", wrapped(coded("SQLITE_CONSTRAINT_UNIQUE"))],
    ["a duplicate key", wrapped(coded("ER_DUP_ENTRY", { errno: 1062 }))],
    ["an SQL syntax error", wrapped(coded("ER_PARSE_ERROR", { errno: 1064 }))],
    ["a programming error", new TypeError("x is undefined")],
    ["a string", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("leaves %s alone", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe("asKnownError", () => {
  it("turns an outage into database_unavailable (503) with a retry hint, keeps AppErrors, and leaves bugs unknown", () => {
    const outage = asKnownError(coded("ECONNREFUSED"));
    expect(outage).toMatchObject({ code: "database_unavailable", status: 503, details: { retryAfterSeconds: 60 } });
    expect(outage?.message).toBe("The steward's database is not reachable; try again in a minute. Operators: check DATABASE_URL and the database server.");
    const notFound = new AppError("not_found", "No such contract; list them with `contract list`.");
    expect(asKnownError(notFound)).toBe(notFound);
    expect(asKnownError(new TypeError("bug"))).toBeNull();
  });
});
