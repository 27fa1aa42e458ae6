import { In, LessThanOrEqual, type DataSource, type EntityManager } from "typeorm";
import { ContractEntity, ReminderDeliveryEntity, ReminderNextDueEntity } from "../entities/index.js";

const CHUNK = 500;
/** `dueAt` of a row a sweep holds while it plans the contract (and keeps when something is still due). */
const DUE_NOW = new Date(0);
/** How far ahead of a sweep's instant another sweep's rows may have been computed and still be kept. */
const CLOCK_TOLERANCE_MS = 3_600_000;

/** What one sweep computed for one contract: the instant it may next have something due. */
export interface NextDue {
  contractId: number;
  dueAt: Date;
}

/**
 * The reminder next-due index: which contracts a sweep must plan. A contract with no row is due; `markDue` deletes
 * rows, so any write that changes a contract's plan (usage, dates, status, acknowledgements, snoozes, renewals) makes
 * it due again, inside the writer's transaction or after it. Claims stay the only exactly-once guard; this only
 * decides what is looked at.
 */
export class NextDueRepository {
  constructor(private readonly ds: DataSource) {}

  /** Makes these contracts due at the next sweep (pass the transaction's manager when inside one). */
  async markDue(contractIds: number[], em: EntityManager = this.ds.manager): Promise<void> {
    const ids = [...new Set(contractIds)];
    for (let i = 0; i < ids.length; i += CHUNK) await em.delete(ReminderNextDueEntity, { contractId: In(ids.slice(i, i + CHUNK)) });
  }

  /** Makes the contract of a usage entry due (the entry's id is all a revoke knows). */
  async markDueForUsage(usageId: number, em: EntityManager = this.ds.manager): Promise<void> {
    await em.createQueryBuilder().delete().from(ReminderNextDueEntity)
      .where("contractId IN (SELECT u.contractId FROM usage_record u WHERE u.id = :usageId)", { usageId }).execute();
  }

  /** Number of delivery rows now (a row computed when more existed is stale: deliveries were removed). */
  deliveryCount(): Promise<number> {
    return this.ds.manager.count(ReminderDeliveryEntity);
  }

  /**
   * Drops rows that no longer hold: computed with another basis (settings, recipients), when more deliveries existed
   * than now, or by a sweep as of an instant more than an hour after `now` (a sweep run for an earlier instant; an
   * instance whose clock runs a few minutes ahead does not make the others plan everything).
   */
  async dropStale(basis: string, deliveries: number, now: Date): Promise<void> {
    const ahead = new Date(now.getTime() + CLOCK_TOLERANCE_MS);
    await this.ds.manager.createQueryBuilder().delete().from(ReminderNextDueEntity)
      .where("basis <> :basis OR deliveries > :deliveries OR computedAt > :ahead", { basis, deliveries, ahead }).execute();
  }

  /**
   * Ids of live contracts to plan at `now` (no row, or `dueAt` ≤ now), ascending; those without a row get a
   * placeholder first, so a write that lands while the sweep plans deletes it and the sweep's result is dropped.
   */
  async claimDue(now: Date, basis: string, deliveries: number): Promise<number[]> {
    const m = this.ds.manager;
    const missing = (await m.createQueryBuilder(ContractEntity, "c")
      .select("c.id", "id")
      .leftJoin(ReminderNextDueEntity, "n", "n.contractId = c.id")
      .where("n.id IS NULL")
      .andWhere("c.status NOT IN (:...skip)", { skip: ["terminated", "draft"] })
      .getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    await this.hold(missing, basis, deliveries, now);
    const due = await m.find(ReminderNextDueEntity, { select: { contractId: true }, where: { dueAt: LessThanOrEqual(now) } });
    return [...new Set([...missing, ...due.map((r) => r.contractId)])].sort((a, b) => a - b);
  }

  /**
   * Gives these contracts a due placeholder row where they have none, before their inputs are read: a write that
   * lands afterwards deletes it, so what the sweep then computes from older inputs is dropped.
   */
  async hold(contractIds: number[], basis: string, deliveries: number, now: Date): Promise<void> {
    for (let i = 0; i < contractIds.length; i += CHUNK) {
      const rows = contractIds.slice(i, i + CHUNK).map((contractId) => ({ contractId, dueAt: DUE_NOW, basis, deliveries, computedAt: now }));
      await this.ds.manager.createQueryBuilder().insert().into(ReminderNextDueEntity).values(rows).orIgnore().execute();
    }
  }

  /**
   * Records what a sweep computed: each row still present gets its next instant (rows deleted meanwhile stay
   * deleted, so the contract is planned again). One statement per distinct instant and 500 contracts (no transaction:
   * the SQLite connection is shared by the whole process).
   */
  async record(results: NextDue[], basis: string, deliveries: number, computedAt: Date): Promise<void> {
    const byInstant = new Map<number, number[]>();
    for (const r of results) {
      const list = byInstant.get(r.dueAt.getTime());
      if (list) list.push(r.contractId);
      else byInstant.set(r.dueAt.getTime(), [r.contractId]);
    }
    for (const [at, ids] of byInstant) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.ds.manager.update(ReminderNextDueEntity, { contractId: In(ids.slice(i, i + CHUNK)) }, { dueAt: new Date(at), basis, deliveries, computedAt });
      }
    }
  }
}
