import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT } from "./column-types.js";

/**
 * An admin's choice about reminders: `subscribed` adds someone beyond STEWARD_ADMIN_USERIDS, `unsubscribed` removes
 * anyone (configured admins included). One row per DingTalk userId; the latest choice wins.
 */
@Entity("reminder_subscription")
@Index("uq_reminder_subscription_user", ["userId"], { unique: true })
export class ReminderSubscriptionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 128 })
  userId!: string;

  @Column({ type: "varchar", length: 16 })
  state!: "subscribed" | "unsubscribed";

  @Column({ type: "varchar", length: 128 })
  updatedBy!: string;

  @Column(INSTANT)
  updatedAt!: Date;
}
