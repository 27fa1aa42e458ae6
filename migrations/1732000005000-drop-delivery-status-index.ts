import type { MigrationInterface, QueryRunner } from "typeorm";
import { index } from "./table-columns.js";

/**
 * Drops the (status, nextAttemptAt) index of reminder deliveries: no query needs it (claims and marks go by key and
 * id), and on SQLite keeping it up to date made marking deliveries sent cost more the more rows the table held.
 */
export class DropDeliveryStatusIndex1732000005000 implements MigrationInterface {
  name = "DropDeliveryStatusIndex1732000005000";

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex("reminder_delivery", "idx_delivery_status");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex("reminder_delivery", index("idx_delivery_status", ["status", "nextAttemptAt"]));
  }
}
