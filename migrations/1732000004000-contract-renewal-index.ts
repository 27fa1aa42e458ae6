import { TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { index } from "./table-columns.js";

/** An index on `contract.renewalOfId`: finding a contract's renewal reads one row, not every org's contracts. */
export class ContractRenewalIndex1732000004000 implements MigrationInterface {
  name = "ContractRenewalIndex1732000004000";

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex("contract", index("idx_contract_renewal_of", ["renewalOfId"]));
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== "better-sqlite3") {
      // MySQL/MariaDB keep an index under every foreign key: give it back the one InnoDB made (named after the key).
      const fk = (await q.getTable("contract"))?.foreignKeys.find((k) => k.columnNames.includes("renewalOfId"));
      if (fk?.name) await q.createIndex("contract", new TableIndex({ name: fk.name, columnNames: ["renewalOfId"] }));
    }
    await q.dropIndex("contract", "idx_contract_renewal_of");
  }
}
