import type { DataSource, EntityManager } from "typeorm";
import { JobRunEntity } from "../entities/job-run.entity.js";
import { ProcessedMessageEntity } from "../entities/processed-message.entity.js";
import { ReminderDeliveryEntity } from "../entities/reminder-delivery.entity.js";
import { dialectOf } from "../data-source.js";
import { isUniqueViolation } from "../unique-violation.js";
import type { JsonRecord } from "../entities/column-types.js";

/** Identity of one delivery: at most one row per (contract, kind, dueKey, recipient, channel). */
export interface DeliveryKey {
  contractId: number;
  kind: string;
  dueKey: string;
  recipient: string;
  channel: string;
}

/** Keys per statement when claiming or settling deliveries (well under both drivers' parameter limits). */
const CLAIM_BATCH = 200;

/** Outcome of a claim: `won` means this caller owns the work; otherwise someone else does (or did). */
export type ClaimResult<T> = { won: true; row: T } | { won: false; reason: "taken" | "already_sent" | "skipped" };

/**
 * Exactly-once claims shared by all instances on one database. Every claim is a unique insert or a conditional
 * update, so it works the same on SQLite and MySQL without locks; deliveries are claimed and settled in batches.
 */
export class ClaimsRepository {
  constructor(private readonly ds: DataSource) {}

  private em(em?: EntityManager): EntityManager {
    return em ?? this.ds.manager;
  }

  /** Claims a bot message id; false when another instance (or a redelivery) already took it. */
  async claimMessage(msgId: string, instanceId: string, at: Date): Promise<boolean> {
    try {
      await this.em().insert(ProcessedMessageEntity, { msgId, instanceId, receivedAt: at });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Claims a job slot (job + period key); false when another instance runs or ran it. */
  async claimJobRun(job: string, period: string, instanceId: string, at: Date): Promise<boolean> {
    try {
      await this.em().insert(JobRunEntity, { job, period, instanceId, status: "running", startedAt: at, finishedAt: null, error: null });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Records how a claimed job slot ended. */
  async finishJobRun(job: string, period: string, status: "succeeded" | "failed", at: Date, error?: string): Promise<void> {
    await this.em().update(JobRunEntity, { job, period }, { status, finishedAt: at, error: error?.slice(0, 1000) ?? null });
  }

  /**
   * Claims many deliveries in a few statements: new keys are inserted `pending` (a unique insert that ignores keys
   * that exist), existing ones are won again only when `failed` and due (`nextAttemptAt <= retryDueBy`) or `pending`
   * and stale (`claimedAt < staleBefore`, both on the database clock). `by` is a fencing token unique to this sweep,
   * so a row is ours exactly when it carries it. Returns the won rows by key (see {@link deliveryKeyOf}).
   */
  async claimDeliveries(
    items: { key: DeliveryKey; payload?: JsonRecord | null }[],
    claim: { by: string; at: Date; staleBefore: Date; retryDueBy: Date },
  ): Promise<Map<string, { id: number; attempts: number }>> {
    const won = new Map<string, { id: number; attempts: number }>();
    for (let i = 0; i < items.length; i += CLAIM_BATCH) {
      const chunk = items.slice(i, i + CLAIM_BATCH);
      await this.insertIgnoring(chunk.map(({ key, payload }) => ({
        ...key, status: "pending" as const, attempts: 1, lastError: null, payload: payload ?? null,
        claimedBy: claim.by, claimedAt: claim.at, sentAt: null, nextAttemptAt: null,
      })));
      const wanted = new Set(chunk.map((c) => deliveryKeyOf(c.key)));
      const rows = (await this.rowsFor(chunk.map((c) => c.key))).filter((r) => wanted.has(deliveryKeyOf(r)));
      const others = rows.filter((r) => r.claimedBy !== claim.by && (r.status === "pending" || r.status === "failed")).map((r) => r.id);
      if (others.length) {
        await this.em()
          .createQueryBuilder()
          .update(ReminderDeliveryEntity)
          .set({ status: "pending", claimedBy: claim.by, claimedAt: claim.at, attempts: () => "attempts + 1" })
          .where("id IN (:...ids)", { ids: others })
          .andWhere(
            "((status = 'failed' AND (nextAttemptAt IS NULL OR nextAttemptAt <= :due)) OR (status = 'pending' AND claimedAt < :stale))",
            { due: claim.retryDueBy, stale: claim.staleBefore },
          )
          .execute();
      }
      const mine = others.length ? (await this.rowsFor(chunk.map((c) => c.key))).filter((r) => wanted.has(deliveryKeyOf(r))) : rows;
      for (const r of mine) if (r.claimedBy === claim.by && r.status === "pending") won.set(deliveryKeyOf(r), { id: r.id, attempts: r.attempts });
    }
    return won;
  }

  /** Claims one delivery (see {@link claimDeliveries}); says why when someone else holds or finished it. */
  async claimDelivery(
    key: DeliveryKey,
    claim: { by: string; at: Date; staleBefore: Date; payload?: JsonRecord | null },
  ): Promise<ClaimResult<ReminderDeliveryEntity>> {
    const won = await this.claimDeliveries([{ key, payload: claim.payload }], { ...claim, retryDueBy: claim.at });
    const row = await this.em().findOneByOrFail(ReminderDeliveryEntity, key);
    if (won.size === 1) return { won: true, row };
    if (row.status === "sent") return { won: false, reason: "already_sent" };
    if (row.status === "skipped") return { won: false, reason: "skipped" };
    return { won: false, reason: "taken" };
  }

  /** Confirms sends in one statement; counts only rows still held by `by` (a fenced-out claimant confirms nothing). */
  async markDeliveriesSent(ids: number[], by: string, at: Date): Promise<number> {
    return this.settle(ids, by, { status: "sent", sentAt: at, lastError: null, nextAttemptAt: null });
  }

  /** Records failed attempts in one statement; `retryAt` null means give up (`skipped`). Returns rows changed. */
  async markDeliveriesFailed(ids: number[], by: string, error: string, retryAt: Date | null): Promise<number> {
    return this.settle(ids, by, { status: retryAt ? "failed" : "skipped", lastError: error.slice(0, 1000), nextAttemptAt: retryAt });
  }

  /** Confirms a send; true only for the current claimant of a pending row (a stale claimant gets false). */
  async markDeliverySent(id: number, by: string, at: Date): Promise<boolean> {
    return (await this.markDeliveriesSent([id], by, at)) === 1;
  }

  /** Records a failed attempt; `retryAt` null means give up (`skipped`). */
  async markDeliveryFailed(id: number, by: string, error: string, retryAt: Date | null): Promise<boolean> {
    return (await this.markDeliveriesFailed([id], by, error, retryAt)) === 1;
  }

  private async settle(ids: number[], by: string, set: Partial<ReminderDeliveryEntity>): Promise<number> {
    let changed = 0;
    for (let i = 0; i < ids.length; i += CLAIM_BATCH) {
      const res = await this.em()
        .createQueryBuilder()
        .update(ReminderDeliveryEntity)
        .set(set)
        .where("id IN (:...ids) AND status = 'pending' AND claimedBy = :by", { ids: ids.slice(i, i + CLAIM_BATCH), by })
        .execute();
      changed += res.affected ?? 0;
    }
    return changed;
  }

  /**
   * One multi-row `INSERT … IGNORE` of new delivery rows (keys that exist are left alone), built directly: the query
   * builder's parameter handling costs time quadratic in the number of values. Values are converted by the driver.
   */
  private async insertIgnoring(rows: Omit<ReminderDeliveryEntity, "id" | "contract">[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.ds.getMetadata(ReminderDeliveryEntity);
    const columns = meta.columns.filter((c) => !c.isGenerated && c.propertyName in rows[0]!);
    const driver = this.ds.driver;
    const params: unknown[] = [];
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    for (const r of rows) for (const c of columns) params.push(driver.preparePersistentValue((r as Record<string, unknown>)[c.propertyName], c));
    const verb = dialectOf(this.ds) === "sqlite" ? "INSERT OR IGNORE" : "INSERT IGNORE";
    const sql = `${verb} INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`;
    await this.em().query(sql, params);
  }

  private rowsFor(keys: DeliveryKey[]): Promise<ReminderDeliveryEntity[]> {
    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    return this.em()
      .createQueryBuilder(ReminderDeliveryEntity, "d")
      .where("d.contractId IN (:...cids)", { cids: uniq(keys.map((k) => k.contractId)) })
      .andWhere("d.recipient IN (:...rs)", { rs: uniq(keys.map((k) => k.recipient)) })
      .andWhere("d.channel IN (:...chs)", { chs: uniq(keys.map((k) => k.channel)) })
      .andWhere("d.dueKey IN (:...dks)", { dks: uniq(keys.map((k) => k.dueKey)) })
      .getMany();
  }
}

/** The identity of a delivery as one string (`contract|kind|dueKey|recipient|channel`). */
export function deliveryKeyOf(k: DeliveryKey): string {
  return `${k.contractId}|${k.kind}|${k.dueKey}|${k.recipient}|${k.channel}`;
}
