import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { EntitlementCategory } from "../../domain/model.js";
import { ContractEntity } from "./contract.entity.js";

/** One row of the contract's annex: a feature, service or benefit the customer bought. */
@Entity("entitlement")
@Index("idx_entitlement_contract", ["contractId"])
export class EntitlementEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer" })
  contractId!: number;

  @ManyToOne(() => ContractEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION" })
  @JoinColumn({ name: "contractId" })
  contract?: Relation<ContractEntity>;

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
