import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import type { QuotaPeriod, QuotaUnit } from "../../domain/model.js";
import { bigintToNumber } from "./column-types.js";
import { EntitlementEntity } from "./entitlement.entity.js";

/** A limit of one metric per period, from the contract (e.g. ding.messages 1000 / year). */
@Entity("quota")
@Index("uq_quota_contract_metric", ["contractId", "metric"], { unique: true })
export class QuotaEntity extends ContractOwnedEntity {
  @Column({ type: "integer", nullable: true })
  entitlementId!: number | null;

  @ManyToOne(() => EntitlementEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION", nullable: true })
  @JoinColumn({ name: "entitlementId" })
  entitlement?: Relation<EntitlementEntity> | null;

  @Column({ type: "varchar", length: 100 })
  metric!: string;

  @Column({ type: "bigint", transformer: bigintToNumber })
  quotaLimit!: number;

  @Column({ type: "varchar", length: 16 })
  unit!: QuotaUnit;

  @Column({ type: "varchar", length: 8 })
  period!: QuotaPeriod;
}
