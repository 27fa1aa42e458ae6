import type { DataSource, EntityManager } from "typeorm";
import { JobRunEntity } from "../entities/job-run.entity.js";
import { ProcessedMessageEntity } from "../entities/processed-message.entity.js";
import { ReminderDeliveryEntity } from "../entities/reminder-delivery.entity.js";
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

/** Outcome of a claim: `won` means this caller owns the work; otherwise someone else does (or did). */
export type ClaimResult<T> = { won: true; row: T } | { won: false; reason: "taken" | "already_sent" | "skipped" };

/**
 * Exactly-once claims shared by all instances on one database. Every claim is a unique insert or a conditional
 * update, so it works the same on SQLite and MySQL without locks.
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
   * Claims a delivery. A new key is inserted `pending` and won. An existing key is won again only when it is
   * `failed` and due for a retry, or `pending` but stale (its claimant crashed before confirming); a `sent` row is
   * never reclaimed.
   */
  async claimDelivery(
    key: DeliveryKey,
    claim: { by: string; at: Date; staleBefore: Date; payload?: JsonRecord | null },
  ): Promise<ClaimResult<ReminderDeliveryEntity>> {
    const em = this.em();
    try {
      const inserted = await em.insert(ReminderDeliveryEntity, {
        ...key, status: "pending", attempts: 1, lastError: null, payload: claim.payload ?? null,
        claimedBy: claim.by, claimedAt: claim.at, sentAt: null, nextAttemptAt: null,
      });
      const id = inserted.identifiers[0]?.id as number;
      return { won: true, row: await em.findOneByOrFail(ReminderDeliveryEntity, { id }) };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const existing = await em.findOneByOrFail(ReminderDeliveryEntity, key);
    if (existing.status === "sent") return { won: false, reason: "already_sent" };
    if (existing.status === "skipped") return { won: false, reason: "skipped" };
    const res = await em
      .createQueryBuilder()
      .update(ReminderDeliveryEntity)
      .set({ status: "pending", claimedBy: claim.by, claimedAt: claim.at, attempts: () => "attempts + 1" })
      .where("id = :id", { id: existing.id })
      .andWhere(
        "((status = 'failed' AND (nextAttemptAt IS NULL OR nextAttemptAt <= :at)) OR (status = 'pending' AND claimedAt < :stale))",
        { at: claim.at, stale: claim.staleBefore },
      )
      .execute();
    if (res.affected !== 1) return { won: false, reason: "taken" };
    return { won: true, row: await em.findOneByOrFail(ReminderDeliveryEntity, { id: existing.id }) };
  }

  /** Confirms a send; true only for the current claimant of a pending row (a stale claimant gets false). */
  async markDeliverySent(id: number, by: string, at: Date): Promise<boolean> {
    const res = await this.em()
      .createQueryBuilder()
      .update(ReminderDeliveryEntity)
      .set({ status: "sent", sentAt: at, lastError: null, nextAttemptAt: null })
      .where("id = :id AND status = 'pending' AND claimedBy = :by", { id, by })
      .execute();
    return res.affected === 1;
  }

  /** Records a failed attempt; `retryAt` null means give up (`skipped`). */
  async markDeliveryFailed(id: number, by: string, error: string, retryAt: Date | null): Promise<boolean> {
    const res = await this.em()
      .createQueryBuilder()
      .update(ReminderDeliveryEntity)
      .set({ status: retryAt ? "failed" : "skipped", lastError: error.slice(0, 1000), nextAttemptAt: retryAt })
      .where("id = :id AND status = 'pending' AND claimedBy = :by", { id, by })
      .execute();
    return res.affected === 1;
  }
}
