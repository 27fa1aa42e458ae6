import "reflect-metadata";
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config/index.js";
import { AppError } from "../lib/app-error.js";
import { MIGRATIONS } from "../../migrations/index.js";
import { ENTITIES } from "./entities/index.js";

/** Which SQL dialect a DataSource speaks; repositories branch on it only where the dialects truly differ. */
export type Dialect = "sqlite" | "mysql";

/** The dialect of an initialised DataSource. */
export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === "better-sqlite3" ? "sqlite" : "mysql";
}

function ensureSqliteDir(file: string): void {
  if (file === ":memory:") return;
  const dir = dirname(resolve(file));
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (err) {
    throw new AppError(
      "database_unavailable",
      `Cannot write the SQLite database at ${resolve(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). ` +
        "Make the directory writable, or point DATABASE_URL=sqlite:/a/writable/path.sqlite elsewhere.",
    );
  }
}

async function detectFlavor(url: string): Promise<"mysql" | "mariadb"> {
  const mysql = await import("mysql2/promise");
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await conn.query("SELECT VERSION() AS v");
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? "mariadb" : "mysql";
  } finally {
    await conn.end();
  }
}

/** Builds (does not connect) a DataSource for the configured database. MySQL URLs are probed for MariaDB. */
export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.kind === "sqlite") {
    ensureSqliteDir(db.file);
    return new DataSource({
      type: "better-sqlite3",
      database: db.file,
      enableWAL: db.file !== ":memory:",
      prepareDatabase: (raw: { pragma(s: string): unknown }) => {
        raw.pragma("busy_timeout = 5000");
      },
      ...common,
    });
  }
  let flavor = db.flavor;
  if (flavor === "auto") flavor = await withDbErrors(() => detectFlavor(db.url), db);
  return new DataSource({
    type: flavor,
    url: db.url,
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
    connectTimeout: 5000,
    extra: { connectionLimit: 10 },
    ...common,
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

async function withDbErrors<T>(fn: () => Promise<T>, db: DatabaseConfig): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const where = db.kind === "sqlite" ? db.file : redactUrl(db.url);
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError(
      "database_unavailable",
      `Cannot reach the database at ${where}: ${code ?? ""} ${(err as Error).message}`.replace(/\s+/g, " ").trim() +
        ". Check DATABASE_URL and that the server is running and accepts this user.",
    );
  }
}

/**
 * Connects and runs pending migrations under a cross-instance lock (GET_LOCK on MySQL; SQLite serialises writers),
 * so several instances starting together migrate once. Returns the ready DataSource.
 */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const ds = await createDataSource(db);
  await withDbErrors(() => ds.initialize(), db);
  try {
    await migrate(ds);
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
  return ds;
}

/** Runs pending migrations (idempotent), holding the migration lock on MySQL. Returns the names applied. */
export async function migrate(ds: DataSource): Promise<string[]> {
  if (dialectOf(ds) === "sqlite") return (await ds.runMigrations({ transaction: "all" })).map((m) => m.name);
  const lockRunner = ds.createQueryRunner();
  try {
    const [row] = (await lockRunner.query("SELECT GET_LOCK('steward_migrations', 120) AS got")) as { got: number }[];
    if (Number(row?.got) !== 1) throw new AppError("database_unavailable", "Another instance has held the migration lock for 120 s; check for a stuck instance and retry.");
    return (await ds.runMigrations({ transaction: "each" })).map((m) => m.name);
  } finally {
    await lockRunner.query("SELECT RELEASE_LOCK('steward_migrations')").catch(() => undefined);
    await lockRunner.release();
  }
}

/** Rolls back the last applied migration. */
export async function revertLastMigration(ds: DataSource): Promise<void> {
  await ds.undoLastMigration({ transaction: "each" });
}

/** The SQL TypeORM would run to make the schema match the entities; empty when migrations and entities agree. */
export async function schemaDiff(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

/** Applied and pending migration names. */
export async function migrationStatus(ds: DataSource): Promise<{ applied: string[]; pending: string[] }> {
  const hasTable = await ds.createQueryRunner().hasTable("migrations");
  const applied: string[] = hasTable ? ((await ds.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[]).map((r) => r.name) : [];
  const pending = ds.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !applied.includes(n));
  return { applied, pending };
}

/** Cheap liveness probe of the database (used by /readyz); resolves false instead of throwing. */
export async function pingDatabase(ds: DataSource, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
    });
    await Promise.race([ds.query("SELECT 1"), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
