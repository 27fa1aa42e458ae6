import type { DataSource } from "typeorm";

/**
 * The database server's clock: the one clock every instance on a database shares. Delivery claims are stamped and
 * judged stale on it, so instances whose own clocks disagree (skew, a wrong NTP, a VM resumed from a snapshot) can
 * never take over each other's live claims.
 */
export interface DatabaseClock {
  /** The database's current instant. */
  now(): Promise<Date>;
}

/** Reads the time from the database the DataSource points at (SQLite: the host's clock; MySQL/MariaDB: the server's). */
export function databaseClock(ds: DataSource): DatabaseClock {
  const sql =
    ds.options.type === "mysql" || ds.options.type === "mariadb"
      ? "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED) AS ms"
      : "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms";
  return {
    async now() {
      const rows = (await ds.query(sql)) as { ms: number | string }[];
      return new Date(Number(rows[0]!.ms));
    },
  };
}
