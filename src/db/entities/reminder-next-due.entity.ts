import { Column, Entity, Index } from "typeorm";
import { ContractOwnedEntity } from "./contract-owned.entity.js";
import { INSTANT } from "./column-types.js";

/**
 * The earliest instant at which a contract's reminder plan could produce a due notice, as the last sweep computed it.
 * A sweep plans only contracts whose `dueAt` has come or that have no row; every write that changes a contract's
 * plan deletes its row. `basis` fingerprints the settings and recipients it was computed with, `deliveries` the
 * number of delivery rows then, and `computedAt` the sweep's instant: a row whose basis differs, or that saw more
 * deliveries than exist now, or that a sweep computed for an instant over an hour after the current one, counts as
 * missing.
 */
@Entity("reminder_next_due")
@Index("uq_reminder_next_due_contract", ["contractId"], { unique: true })
@Index("idx_reminder_next_due_at", ["dueAt"])
export class ReminderNextDueEntity extends ContractOwnedEntity {
  @Column(INSTANT)
  dueAt!: Date;

  @Column({ type: "varchar", length: 16 })
  basis!: string;

  @Column({ type: "integer" })
  deliveries!: number;

  @Column(INSTANT)
  computedAt!: Date;
}
