import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import type { EntitlementCategory } from "../../domain/model.js";

/** One row of the contract's annex: a feature, service or benefit the customer bought. */
@Entity("entitlement")
@Index("idx_entitlement_contract", ["contractId"])
export class EntitlementEntity extends ContractOwnedEntity {
  @Column({ type: "varchar", length: 100 })
  code!: string;

  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Column({ type: "varchar", length: 16 })
  category!: EntitlementCategory;

  @Column({ type: "text" })
  description!: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  spec!: string | null;

  @Column({ type: "integer" })
  position!: number;
}
