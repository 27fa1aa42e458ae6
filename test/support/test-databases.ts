import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/data-source.js";

/** A database under test and how to throw it away. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  ds: DataSource;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * The drivers every integration test runs on: SQLite in memory always, and MariaDB/MySQL when TEST_MYSQL_URL is set
 * (CI sets it, and the MariaDB leg then fails loudly if the server cannot be reached).
 */
export const DRIVERS: ("sqlite" | "mariadb")[] = process.env.TEST_MYSQL_URL ? ["sqlite", "mariadb"] : ["sqlite"];

if (process.env.CI === "true" && !process.env.TEST_MYSQL_URL) {
  throw new Error("CI=true but TEST_MYSQL_URL is not set: the MariaDB leg must run in CI (see .ci/run).");
}

/** Opens a fresh, migrated database of the given kind: a new :memory: SQLite or a new MariaDB schema. */
export async function openTestDatabase(kind: "sqlite" | "mariadb"): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const config: DatabaseConfig = { kind: "sqlite", file: ":memory:" };
    const ds = await openDatabase(config);
    return { name: kind, ds, config, drop: () => ds.destroy() };
  }
  const base = process.env.TEST_MYSQL_URL;
  if (!base) throw new Error("TEST_MYSQL_URL is not set");
  const dbName = `steward_t_${randomBytes(5).toString("hex")}`;
  const mysql = await import("mysql2/promise");
  const admin = await mysql.createConnection({ uri: base.replace(/^mariadb:/, "mysql:") });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = base.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const config: DatabaseConfig = { kind: "mysql", flavor: "auto", url: url.replace(/^mariadb:/, "mysql:") };
  const ds = await openDatabase(config);
  return {
    name: kind,
    ds,
    config,
    drop: async () => {
      await ds.destroy().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    },
  };
}
