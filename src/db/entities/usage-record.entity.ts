import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import type { UsageSource } from "../../domain/model.js";
import { INSTANT } from "./column-types.js";

/**
 * Usage ledger entry: append-only. A `delta` consumes (30 DING sent), a `reading` states an absolute level
 * (812 GB used). Undo sets `revokedAt`; rows are never deleted or edited otherwise.
 */
@Entity("usage_record")
@Index("idx_usage_contract_metric_time", ["contractId", "metric", "occurredAt"])
export class UsageRecordEntity extends ContractOwnedEntity {
  @Column({ type: "varchar", length: 100 })
  metric!: string;

  @Column({ type: "varchar", length: 8 })
  kind!: "delta" | "reading";

  @Column({ type: "double" })
  amount!: number;

  @Column(INSTANT)
  occurredAt!: Date;

  @Column({ type: "varchar", length: 16 })
  source!: UsageSource;

  @Column({ type: "varchar", length: 128, nullable: true })
  recordedBy!: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  note!: string | null;

  @Column(INSTANT)
  createdAt!: Date;

  @Column({ ...INSTANT, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: "varchar", length: 128, nullable: true })
  revokedBy!: string | null;
}
