import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col, fk, index } from "./table-columns.js";

/** Creates the core tables: orgs, contracts and what they contain, the usage ledger, and the exactly-once claims. */
export class InitialSchema1732000000000 implements MigrationInterface {
  name = "InitialSchema1732000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "org",
      columns: [col.id(), col.str("corpId", 64), col.str("name", 200), col.instant("createdAt")],
      indices: [index("uq_org_corp", ["corpId"], true)],
    }));
    await q.createTable(new Table({
      name: "contract",
      columns: [
        col.id(), col.int("orgId"), col.int("renewalOfId", true), col.str("format", 32), col.str("title", 200, true),
        col.str("product", 100, true), col.str("edition", 32, true), col.str("customerName", 200, true), col.json("vendors"),
        col.bigint("amountFen", true), col.str("amountWords", 100, true), col.str("currency", 8), col.date("signedOn"),
        col.date("startsOn"), col.str("startsOnSource", 16, true), col.date("endsOn"), col.int("termMonths", true),
        col.str("status", 16), col.json("paymentTerms", true), col.json("invoiceTerms", true), col.date("paidOn"),
        col.date("invoiceRequestedOn"), col.date("invoicedOn"), col.str("docHash", 64), col.str("docName", 255),
        col.json("source"), col.instant("createdAt"), col.instant("updatedAt"),
      ],
      indices: [index("uq_contract_org_hash", ["orgId", "docHash"], true), index("idx_contract_status", ["status"])],
      foreignKeys: [fk("orgId", "org", "CASCADE"), fk("renewalOfId", "contract", "SET NULL")],
    }));
    await q.createTable(new Table({
      name: "entitlement",
      columns: [
        col.id(), col.int("contractId"), col.str("code", 100), col.str("name", 200), col.str("category", 16),
        col.text("description"), col.str("spec", 500, true), col.int("position"),
      ],
      indices: [index("idx_entitlement_contract", ["contractId"])],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "quota",
      columns: [
        col.id(), col.int("contractId"), col.int("entitlementId", true), col.str("metric", 100), col.bigint("quotaLimit"),
        col.str("unit", 16), col.str("period", 8),
      ],
      indices: [index("uq_quota_contract_metric", ["contractId", "metric"], true)],
      foreignKeys: [fk("contractId", "contract", "CASCADE"), fk("entitlementId", "entitlement", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "clause",
      columns: [col.id(), col.int("contractId"), col.str("part", 8), col.str("ref", 32), col.text("text"), col.json("tags"), col.int("position")],
      indices: [index("idx_clause_contract", ["contractId"])],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "usage_record",
      columns: [
        col.id(), col.int("contractId"), col.str("metric", 100), col.str("kind", 8), col.double("amount"), col.instant("occurredAt"),
        col.str("source", 16), col.str("recordedBy", 128, true), col.str("note", 500, true), col.instant("createdAt"),
        col.instant("revokedAt", true), col.str("revokedBy", 128, true),
      ],
      indices: [index("idx_usage_contract_metric_time", ["contractId", "metric", "occurredAt"])],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "reminder_delivery",
      columns: [
        col.id(), col.int("contractId"), col.str("kind", 32), col.str("dueKey", 64), col.str("recipient", 128), col.str("channel", 16),
        col.str("status", 16), col.int("attempts"), col.str("lastError", 1000, true), col.json("payload", true),
        col.str("claimedBy", 64, true), col.instant("claimedAt"), col.instant("sentAt", true), col.instant("nextAttemptAt", true),
      ],
      indices: [
        index("uq_delivery", ["contractId", "kind", "dueKey", "recipient", "channel"], true),
        index("idx_delivery_status", ["status", "nextAttemptAt"]),
      ],
      foreignKeys: [fk("contractId", "contract", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "processed_message",
      columns: [col.id(), col.str("msgId", 128), col.str("instanceId", 64), col.instant("receivedAt")],
      indices: [index("uq_processed_msg", ["msgId"], true)],
    }));
    await q.createTable(new Table({
      name: "audit_event",
      columns: [
        col.id(), col.int("orgId", true), col.str("actor", 128), col.str("action", 64), col.str("subjectType", 32),
        col.str("subjectId", 64, true), col.json("details", true), col.instant("occurredAt"),
      ],
      indices: [index("idx_audit_org_time", ["orgId", "occurredAt"])],
    }));
    await q.createTable(new Table({
      name: "job_run",
      columns: [
        col.id(), col.str("job", 64), col.str("period", 64), col.str("instanceId", 64), col.str("status", 16),
        col.instant("startedAt"), col.instant("finishedAt", true), col.str("error", 1000, true),
      ],
      indices: [index("uq_job_run", ["job", "period"], true)],
    }));
    await q.createTable(new Table({
      name: "outbox",
      columns: [col.id(), col.str("channel", 16), col.str("recipient", 128), col.json("payload"), col.instant("createdAt")],
      indices: [index("idx_outbox_time", ["createdAt"])],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["outbox", "job_run", "audit_event", "processed_message", "reminder_delivery", "usage_record", "clause", "quota", "entitlement", "contract", "org"]) {
      await q.dropTable(t);
    }
  }
}
