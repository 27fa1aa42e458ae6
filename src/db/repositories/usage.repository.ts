import { In, IsNull, type DataSource, type EntityManager } from "typeorm";
import type { UsageEntry, UsageSource } from "../../domain/model.js";
import { UsageRecordEntity } from "../entities/index.js";
import { NextDueRepository } from "./next-due.repository.js";

/** A new ledger entry. */
export interface NewUsage {
  contractId: number;
  metric: string;
  kind: "delta" | "reading";
  amount: number;
  occurredAt: Date;
  source: UsageSource;
  recordedBy: string | null;
  note: string | null;
  createdAt: Date;
}

/** The usage ledger: appends entries, lists them for quota maths, revokes (never deletes) for undo. */
export class UsageRepository {
  constructor(private readonly ds: DataSource) {}

  /** Appends one entry and returns it with its id; the contract's reminders are planned again at the next sweep. */
  async append(entry: NewUsage, em: EntityManager = this.ds.manager): Promise<UsageRecordEntity> {
    const row = await em.save(UsageRecordEntity, em.create(UsageRecordEntity, { ...entry, revokedAt: null, revokedBy: null }));
    await new NextDueRepository(this.ds).markDue([entry.contractId], em);
    return row;
  }

  /** Entries of a contract (optionally some metrics), oldest first, as domain values. */
  async entries(contractId: number, metrics?: string[]): Promise<(UsageEntry & { id: number })[]> {
    const rows = await this.ds.manager.find(UsageRecordEntity, {
      where: { contractId, ...(metrics ? { metric: In(metrics) } : {}) },
      order: { occurredAt: "ASC", id: "ASC" },
    });
    return rows.map((r) => ({
      id: r.id, metric: r.metric, kind: r.kind, amount: Number(r.amount), occurredAt: r.occurredAt, source: r.source,
      recordedBy: r.recordedBy, note: r.note, revokedAt: r.revokedAt,
    }));
  }

  /** Entries of many contracts at once (reminder sweep), grouped by contract id. */
  async entriesFor(contractIds: number[]): Promise<Map<number, UsageEntry[]>> {
    const out = new Map<number, UsageEntry[]>();
    for (let i = 0; i < contractIds.length; i += 500) {
      const rows = await this.ds.manager.find(UsageRecordEntity, {
        where: { contractId: In(contractIds.slice(i, i + 500)), revokedAt: IsNull() },
        order: { occurredAt: "ASC", id: "ASC" },
      });
      for (const r of rows) {
        const list = out.get(r.contractId) ?? [];
        list.push({ id: r.id, metric: r.metric, kind: r.kind, amount: Number(r.amount), occurredAt: r.occurredAt, source: r.source, recordedBy: r.recordedBy, note: r.note, revokedAt: null });
        out.set(r.contractId, list);
      }
    }
    return out;
  }

  /** The newest non-revoked entry this person recorded on this contract, or null. */
  lastOwn(contractId: number, recordedBy: string): Promise<UsageRecordEntity | null> {
    return this.ds.manager.findOne(UsageRecordEntity, {
      where: { contractId, recordedBy, revokedAt: IsNull() },
      order: { createdAt: "DESC", id: "DESC" },
    });
  }

  /** Marks an entry revoked (its contract is planned again); false when it was already revoked (a double undo changes nothing). */
  async revoke(id: number, by: string, at: Date): Promise<boolean> {
    const res = await this.ds.manager
      .createQueryBuilder()
      .update(UsageRecordEntity)
      .set({ revokedAt: at, revokedBy: by })
      .where("id = :id AND revokedAt IS NULL", { id })
      .execute();
    await new NextDueRepository(this.ds).markDueForUsage(id);
    return res.affected === 1;
  }
}
