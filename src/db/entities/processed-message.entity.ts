import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT } from "./column-types.js";

/** A bot message already taken by some instance: the unique msgId makes redeliveries and twin instances no-ops. */
@Entity("processed_message")
@Index("uq_processed_msg", ["msgId"], { unique: true })
export class ProcessedMessageEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 128 })
  msgId!: string;

  @Column({ type: "varchar", length: 64 })
  instanceId!: string;

  @Column(INSTANT)
  receivedAt!: Date;
}
