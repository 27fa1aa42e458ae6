import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col, fk, index } from "./table-columns.js";

/** Reminder preferences: who subscribed or unsubscribed, and per contract and kind the acknowledgement and snooze. */
export class ReminderPreferences1732000002000 implements MigrationInterface {
  name = "ReminderPreferences1732000002000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "reminder_subscription",
      columns: [col.id(), col.str("userId", 128), col.str("state", 16), col.str("updatedBy", 128), col.instant("updatedAt")],
      indices: [index("uq_reminder_subscription_user", ["userId"], true)],
    }));
    await q.createTable(new Table({
      name: "reminder_state",
      columns: [
        col.id(), col.int("contractId"), col.str("kind", 32), col.instant("snoozedUntil", true), col.date("acknowledgedOn"),
        col.str("updatedBy", 128), col.instant("updatedAt"),
      ],
      indices: [index("uq_reminder_state", ["contractId", "kind"], true)],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("reminder_state");
    await q.dropTable("reminder_subscription");
  }
}
