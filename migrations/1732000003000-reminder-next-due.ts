import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col, fk, index } from "./table-columns.js";

/** Per contract, the earliest instant its reminder plan could produce a due notice (the sweep plans only those due). */
export class ReminderNextDue1732000003000 implements MigrationInterface {
  name = "ReminderNextDue1732000003000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "reminder_next_due",
      columns: [col.id(), col.int("contractId"), col.instant("dueAt"), col.str("basis", 16), col.int("deliveries"), col.instant("computedAt")],
      indices: [index("uq_reminder_next_due_contract", ["contractId"], true), index("idx_reminder_next_due_at", ["dueAt"])],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("reminder_next_due");
  }
}
