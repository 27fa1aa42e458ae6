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
