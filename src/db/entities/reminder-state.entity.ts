import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { IsoDate } from "../../domain/model.js";
import { INSTANT } from "./column-types.js";
import { ContractEntity } from "./contract.entity.js";

/**
 * Acknowledgement and snooze of one kind of notice for one contract (shared by all admins): `acknowledgedOn` stops
 * the kind's current cycle, `snoozedUntil` holds it back until that instant and then brings it back once.
 */
@Entity("reminder_state")
@Index("uq_reminder_state", ["contractId", "kind"], { unique: true })
export class ReminderStateEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "integer" })
  contractId!: number;

  @ManyToOne(() => ContractEntity, { onDelete: "CASCADE", onUpdate: "NO ACTION" })
  @JoinColumn({ name: "contractId" })
  contract?: Relation<ContractEntity>;

  @Column({ type: "varchar", length: 32 })
  kind!: string;

  @Column({ ...INSTANT, nullable: true })
  snoozedUntil!: Date | null;

  @Column({ type: "date", nullable: true })
  acknowledgedOn!: IsoDate | null;

  @Column({ type: "varchar", length: 128 })
  updatedBy!: string;

  @Column(INSTANT)
  updatedAt!: Date;
}
