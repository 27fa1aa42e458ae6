import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT } from "./column-types.js";

/** A customer organisation (a DingTalk corp). One org may hold a chain of contracts (original + renewals). */
@Entity("org")
@Index("uq_org_corp", ["corpId"], { unique: true })
export class OrgEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 64 })
  corpId!: string;

  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Column(INSTANT)
  createdAt!: Date;
}
