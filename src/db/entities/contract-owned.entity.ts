import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { ContractEntity } from "./contract.entity.js";

/**
 * The shape every row that belongs to one contract shares: an id and a `contractId` foreign key that is deleted
 * with its contract. Entities extend it; it has no table of its own.
 */
export abstract class ContractOwnedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer" })
  contractId!: number;

  @ManyToOne(() => ContractEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION" })
  @JoinColumn({ name: "contractId" })
  contract?: Relation<ContractEntity>;
}
