import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { INSTANT } from "./column-types.js";

/** One run of a scheduled job for one period slot; the unique (job, period) elects exactly one instance per slot. */
@Entity("job_run")
@Index("uq_job_run", ["job", "period"], { unique: true })
export class JobRunEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 64 })
  job!: string;

  @Column({ type: "varchar", length: 64 })
  period!: string;

  @Column({ type: "varchar", length: 64 })
  instanceId!: string;

  @Column({ type: "varchar", length: 16 })
  status!: "running" | "succeeded" | "failed";

  @Column(INSTANT)
  startedAt!: Date;

  @Column({ ...INSTANT, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: "varchar", length: 1000, nullable: true })
  error!: string | null;
}
