import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, migrationStatus, schemaDiff } from "../../../src/db/data-source.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe.each(DRIVERS)("schema on %s", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(async () => db?.drop());

  it("leaves no difference between migrations and entities", async () => {
    expect(await schemaDiff(db.ds)).toEqual([]);
  });

  it("reports every migration applied and none pending; migrating again is a no-op", async () => {
    const status = await migrationStatus(db.ds);
    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBe(db.ds.migrations.length);
    expect(await migrate(db.ds)).toEqual([]);
  });
});

describe.runIf(DRIVERS.includes("mariadb"))("several instances starting at once on MariaDB", () => {
  it("migrate exactly once while the others wait for the lock", async () => {
    const { randomBytes } = await import("node:crypto");
    const mysql = await import("mysql2/promise");
    const { openDatabase } = await import("../../../src/db/data-source.js");
    const base = process.env.TEST_MYSQL_URL!.replace(/^mariadb:/, "mysql:");
    const name = `steward_t_${randomBytes(5).toString("hex")}`;
    const admin = await mysql.createConnection({ uri: base });
    await admin.query(`CREATE DATABASE \`${name}\``);
    try {
      const url = base.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
      const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "mysql", flavor: "mariadb", url })));
      const [rows] = await admin.query(`SELECT name FROM \`${name}\`.migrations`);
      expect((rows as { name: string }[]).map((r) => r.name)).toEqual(instances[0]!.migrations.map((m) => m.name));
      for (const ds of instances) expect(await schemaDiff(ds)).toEqual([]);
      await Promise.all(instances.map((ds) => ds.destroy()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
  });
});
