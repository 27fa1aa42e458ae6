import type { DataSource, EntityManager } from "typeorm";
import { AuditEventEntity, OutboxEntity } from "../entities/index.js";
import type { JsonRecord } from "../entities/column-types.js";

/** A new audit event. */
export interface NewAuditEvent {
  orgId: number | null;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: JsonRecord | null;
  occurredAt: Date;
}

/** Audit trail and demo-mode outbox: both append-only. */
export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records who did what (inside the caller's transaction when given). */
  async record(e: NewAuditEvent, em: EntityManager = this.ds.manager): Promise<void> {
    await em.insert(AuditEventEntity, { ...e, actor: e.actor.slice(0, 128), details: e.details ?? null });
  }

  /** The newest events of an org (or all), newest first. */
  recent(orgId: number | null, limit = 50): Promise<AuditEventEntity[]> {
    return this.ds.manager.find(AuditEventEntity, { where: orgId ? { orgId } : {}, order: { occurredAt: "DESC", id: "DESC" }, take: limit });
  }

  /** The newest event about one subject (e.g. a contract), or null. */
  async latestAbout(subjectType: string, subjectId: string): Promise<AuditEventEntity | null> {
    const [last] = await this.ds.manager.find(AuditEventEntity, { where: { subjectType, subjectId }, order: { occurredAt: "DESC", id: "DESC" }, take: 1 });
    return last ?? null;
  }

  /** Keeps a message that demo mode did not send. */
  async addToOutbox(channel: string, recipient: string, payload: JsonRecord, at: Date): Promise<void> {
    await this.ds.manager.insert(OutboxEntity, { channel, recipient: recipient.slice(0, 128), payload, createdAt: at });
  }

  /** The newest outbox messages, newest first. */
  outbox(limit = 50): Promise<OutboxEntity[]> {
    return this.ds.manager.find(OutboxEntity, { order: { id: "DESC" }, take: limit });
  }
}
