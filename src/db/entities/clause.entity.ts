import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import type { ClauseTag } from "../../domain/model.js";

/** A numbered clause of a contract, kept for citations and clause search. */
@Entity("clause")
@Index("idx_clause_contract", ["contractId"])
export class ClauseEntity extends ContractOwnedEntity {
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
