import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT, type JsonRecord } from "./column-types.js";

/** Messages that would have gone to DingTalk in demo mode (no credentials): kept for the operator to read. */
@Entity("outbox")
@Index("idx_outbox_time", ["createdAt"])
export class OutboxEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 16 })
  channel!: string;

  @Column({ type: "varchar", length: 128 })
  recipient!: string;

  @Column({ type: "json" })
  payload!: JsonRecord;

  @Column(INSTANT)
  createdAt!: Date;
}
