import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT, type JsonRecord } from "./column-types.js";

/** Who did what, when: imports, usage entries, status changes, acknowledgements. Never updated. */
@Entity("audit_event")
@Index("idx_audit_org_time", ["orgId", "occurredAt"])
export class AuditEventEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer", nullable: true })
  orgId!: number | null;

  @Column({ type: "varchar", length: 128 })
  actor!: string;

  @Column({ type: "varchar", length: 64 })
  action!: string;

  @Column({ type: "varchar", length: 32 })
  subjectType!: string;

  @Column({ type: "varchar", length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: "json", nullable: true })
  details!: JsonRecord | null;

  @Column(INSTANT)
  occurredAt!: Date;
}
