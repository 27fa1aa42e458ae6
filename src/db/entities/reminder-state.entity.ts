import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import type { IsoDate } from "../../domain/model.js";
import { INSTANT } from "./column-types.js";

/**
 * Acknowledgement and snooze of one kind of notice for one contract (shared by all admins): `acknowledgedOn` stops
 * the kind's current cycle, `snoozedUntil` holds it back until that instant and then brings it back once.
 */
@Entity("reminder_state")
@Index("uq_reminder_state", ["contractId", "kind"], { unique: true })
export class ReminderStateEntity extends ContractOwnedEntity {
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
