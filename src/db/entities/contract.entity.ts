import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { ContractStatus, DeadlineTerm, IsoDate } from "../../domain/model.js";
import type { ParseWarning } from "../../domain/contract-document.js";
import { bigintToNumber, INSTANT } from "./column-types.js";
import { OrgEntity } from "./org.entity.js";

/** The stored source of a contract: its text and what the parser doubted and where each field came from. */
export interface ContractSource {
  text: string;
  warnings: ParseWarning[];
  sources: Record<string, string>;
}

/** A signed DingTalk edition contract (persistence shape; the domain works on plain values). */
@Entity("contract")
@Index("uq_contract_org_hash", ["orgId", "docHash"], { unique: true })
@Index("idx_contract_status", ["status"])
@Index("idx_contract_renewal_of", ["renewalOfId"])
export class ContractEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer" })
  orgId!: number;

  @ManyToOne(() => OrgEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION" })
  @JoinColumn({ name: "orgId" })
  org?: Relation<OrgEntity>;

  @Column({ type: "integer", nullable: true })
  renewalOfId!: number | null;

  @ManyToOne(() => ContractEntity, { onDelete: "SET NULL", onUpdate: "NO ACTION", nullable: true })
  @JoinColumn({ name: "renewalOfId" })
  renewalOf?: Relation<ContractEntity> | null;

  @Column({ type: "varchar", length: 32 })
  format!: string;

  @Column({ type: "varchar", length: 200, nullable: true })
  title!: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  product!: string | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  edition!: string | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  customerName!: string | null;

  @Column({ type: "json" })
  vendors!: string[];

  @Column({ type: "bigint", nullable: true, transformer: bigintToNumber })
  amountFen!: number | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  amountWords!: string | null;

  @Column({ type: "varchar", length: 8 })
  currency!: string;

  @Column({ type: "date", nullable: true })
  signedOn!: IsoDate | null;

  @Column({ type: "date", nullable: true })
  startsOn!: IsoDate | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  startsOnSource!: "option" | "contract" | "renewal" | "signing" | "today" | "manual" | null;

  @Column({ type: "date", nullable: true })
  endsOn!: IsoDate | null;

  @Column({ type: "integer", nullable: true })
  termMonths!: number | null;

  @Column({ type: "varchar", length: 16 })
  status!: ContractStatus;

  @Column({ type: "json", nullable: true })
  paymentTerms!: DeadlineTerm | null;

  @Column({ type: "json", nullable: true })
  invoiceTerms!: DeadlineTerm | null;

  @Column({ type: "date", nullable: true })
  paidOn!: IsoDate | null;

  @Column({ type: "date", nullable: true })
  invoiceRequestedOn!: IsoDate | null;

  @Column({ type: "date", nullable: true })
  invoicedOn!: IsoDate | null;

  @Column({ type: "varchar", length: 64 })
  docHash!: string;

  @Column({ type: "varchar", length: 255 })
  docName!: string;

  @Column({ type: "json" })
  source!: ContractSource;

  @Column(INSTANT)
  createdAt!: Date;

  @Column(INSTANT)
  updatedAt!: Date;
}
