import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import { INSTANT, type JsonRecord } from "./column-types.js";

/** Delivery states: claimed `pending`, then `sent`, or `failed` (retryable) / `skipped` (will not be sent). */
export type DeliveryStatus = "pending" | "sent" | "failed" | "skipped";

/**
 * One notice to one recipient over one channel. The unique key makes a delivery claimable exactly once across
 * instances: claim `pending` → send → mark `sent`; a confirmed send is never repeated.
 */
@Entity("reminder_delivery")
@Index("uq_delivery", ["contractId", "kind", "dueKey", "recipient", "channel"], { unique: true })
export class ReminderDeliveryEntity extends ContractOwnedEntity {
  @Column({ type: "varchar", length: 32 })
  kind!: string;

  @Column({ type: "varchar", length: 64 })
  dueKey!: string;

  @Column({ type: "varchar", length: 128 })
  recipient!: string;

  @Column({ type: "varchar", length: 16 })
  channel!: string;

  @Column({ type: "varchar", length: 16 })
  status!: DeliveryStatus;

  @Column({ type: "integer" })
  attempts!: number;

  @Column({ type: "varchar", length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ type: "json", nullable: true })
  payload!: JsonRecord | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  claimedBy!: string | null;

  @Column(INSTANT)
  claimedAt!: Date;

  @Column({ ...INSTANT, nullable: true })
  sentAt!: Date | null;

  @Column({ ...INSTANT, nullable: true })
  nextAttemptAt!: Date | null;
}
