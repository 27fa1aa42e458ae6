import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { ClauseTag } from "../../domain/model.js";
import { ContractEntity } from "./contract.entity.js";

/** A numbered clause of a contract, kept for citations and clause search. */
@Entity("clause")
@Index("idx_clause_contract", ["contractId"])
export class ClauseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer" })
  contractId!: number;

  @ManyToOne(() => ContractEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION" })
  @JoinColumn({ name: "contractId" })
  contract?: Relation<ContractEntity>;

  @Column({ type: "varchar", length: 8 })
  part!: "body" | "annex";

  @Column({ type: "varchar", length: 32 })
  ref!: string;

  @Column({ type: "text" })
  text!: string;

  @Column({ type: "json" })
  tags!: ClauseTag[];

  @Column({ type: "integer" })
  position!: number;
}
