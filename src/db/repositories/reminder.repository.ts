import { In, IsNull, type FindOperator, MoreThanOrEqual, Not, type DataSource, type EntityManager, type ObjectLiteral, type EntityTarget } from "typeorm";
import type { IsoDate } from "../../domain/model.js";
import {
  ClauseEntity, ContractEntity, OrgEntity, QuotaEntity, ReminderDeliveryEntity, ReminderStateEntity, ReminderSubscriptionEntity,
} from "../entities/index.js";
import { isUniqueViolation } from "../unique-violation.js";
import { NextDueRepository } from "./next-due.repository.js";

const CHUNK = 500;

/** Contract columns the reminder sweep reads (the stored document text is left out). */
export type SweepContractRow = Pick<
  ContractEntity,
  | "id" | "orgId" | "renewalOfId" | "status" | "startsOn" | "endsOn" | "termMonths" | "signedOn" | "paidOn" | "invoiceRequestedOn"
  | "invoicedOn" | "paymentTerms" | "invoiceTerms" | "amountFen" | "createdAt" | "title"
>;

/** A quota with the display name of its entitlement. */
export type SweepQuotaRow = Pick<QuotaEntity, "contractId" | "metric" | "quotaLimit" | "unit" | "period"> & {
  entitlementName: string | null;
  /** The annex row's code, spec and description ("各1次" allowances name their kinds there). */
  entitlementCode: string | null;
  entitlementSpec: string | null;
  entitlementDescription: string | null;
};

/** A delivery as the policy reads it. */
export type SweepDeliveryRow = Pick<ReminderDeliveryEntity, "contractId" | "kind" | "dueKey" | "recipient" | "channel" | "status">;

const pick = <K extends string>(keys: K[]) => Object.fromEntries(keys.map((k) => [k, true])) as Record<K, true>;
const CONTRACT_COLUMNS = pick<keyof SweepContractRow>([
  "id", "orgId", "renewalOfId", "status", "startsOn", "endsOn", "termMonths", "signedOn", "paidOn", "invoiceRequestedOn",
  "invoicedOn", "paymentTerms", "invoiceTerms", "amountFen", "createdAt", "title",
]);

async function chunked<T>(ids: number[], load: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

/** Reads for the reminder sweep in bulk, and the reminder preferences (subscriptions, acknowledgements, snoozes). */
export class ReminderRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every contract (optionally only some ids), without the document text. */
  contracts(ids?: number[]): Promise<SweepContractRow[]> {
    const m = this.ds.manager;
    if (ids) return chunked(ids, (part) => m.find(ContractEntity, { select: CONTRACT_COLUMNS, where: { id: In(part) }, order: { id: "ASC" } }));
    return m.find(ContractEntity, { select: CONTRACT_COLUMNS, order: { id: "ASC" } });
  }

  /** Org id → name and corpId (of every org, or only `ids`). */
  async orgs(ids?: number[]): Promise<Map<number, { name: string; corpId: string }>> {
    const select = { id: true, name: true, corpId: true } as const;
    const rows = ids ? await chunked([...new Set(ids)], (part) => this.ds.manager.find(OrgEntity, { select, where: { id: In(part) } })) : await this.ds.manager.find(OrgEntity, { select });
    return new Map(rows.map((o) => [o.id, { name: o.name, corpId: o.corpId }]));
  }

  /** Quotas of these contracts, with their entitlement's name. */
  quotas(contractIds: number[]): Promise<SweepQuotaRow[]> {
    return chunked(contractIds, async (part) => {
      const rows = await this.ds.manager
        .createQueryBuilder(QuotaEntity, "q")
        .leftJoin("q.entitlement", "e")
        .select(["q.contractId AS contractId", "q.metric AS metric", "q.quotaLimit AS quotaLimit", "q.unit AS unit", "q.period AS period", "e.name AS entitlementName", "e.code AS entitlementCode", "e.spec AS entitlementSpec", "e.description AS entitlementDescription"])
        .where("q.contractId IN (:...part)", { part })
        .orderBy("q.id")
        .getRawMany<SweepQuotaRow>();
      return rows.map((r) => ({ ...r, contractId: Number(r.contractId), quotaLimit: Number(r.quotaLimit) }));
    });
  }

  /** Clauses of these contracts, in document order. */
  clauses(contractIds: number[]): Promise<ClauseEntity[]> {
    return chunked(contractIds, (part) => this.ds.manager.find(ClauseEntity, { where: { contractId: In(part) }, order: { contractId: "ASC", position: "ASC" } }));
  }

  /** Deliveries of these contracts claimed since `since` (older ones cannot matter to the policy). */
  deliveries(contractIds: number[], since: Date): Promise<SweepDeliveryRow[]> {
    const select = pick<keyof SweepDeliveryRow>(["contractId", "kind", "dueKey", "recipient", "channel", "status"]);
    return chunked(contractIds, (part) => this.ds.manager.find(ReminderDeliveryEntity, { select, where: { contractId: In(part), claimedAt: MoreThanOrEqual(since) } }));
  }

  /** The newest deliveries (of one contract, or all), newest first. */
  deliveryLog(opts: { contractId?: number; limit: number; status?: string }): Promise<ReminderDeliveryEntity[]> {
    const where: Record<string, unknown> = {};
    if (opts.contractId !== undefined) where.contractId = opts.contractId;
    if (opts.status) where.status = opts.status;
    return this.ds.manager.find(ReminderDeliveryEntity, { where, order: { claimedAt: "DESC", id: "DESC" }, take: opts.limit });
  }

  /** Acknowledgements and snoozes (of some contracts, or all). */
  preferences(contractIds?: number[]): Promise<ReminderStateEntity[]> {
    if (contractIds) return chunked(contractIds, (part) => this.ds.manager.find(ReminderStateEntity, { where: { contractId: In(part) } }));
    return this.ds.manager.find(ReminderStateEntity);
  }

  /** Every subscription choice. */
  subscriptions(): Promise<ReminderSubscriptionEntity[]> {
    return this.ds.manager.find(ReminderSubscriptionEntity, { order: { userId: "ASC" } });
  }

  /** Records a subscribe / unsubscribe (the latest choice wins). */
  setSubscription(userId: string, state: "subscribed" | "unsubscribed", by: string, at: Date): Promise<void> {
    return this.upsert(ReminderSubscriptionEntity, { userId }, { state, updatedBy: by.slice(0, 128), updatedAt: at });
  }

  /** Acknowledges a kind of notice for a contract as of business date `on` (clears a snooze; the contract is planned again). */
  async acknowledge(contractId: number, kind: string, on: IsoDate, by: string, at: Date): Promise<void> {
    await this.upsert(ReminderStateEntity, { contractId, kind }, { acknowledgedOn: on, snoozedUntil: null, updatedBy: by.slice(0, 128), updatedAt: at });
    await new NextDueRepository(this.ds).markDue([contractId]);
  }

  /** Snoozes a kind of notice for a contract until `until` (clears an acknowledgement; the contract is planned again). */
  async snooze(contractId: number, kind: string, until: Date, by: string, at: Date): Promise<void> {
    await this.upsert(ReminderStateEntity, { contractId, kind }, { snoozedUntil: until, acknowledgedOn: null, updatedBy: by.slice(0, 128), updatedAt: at });
    await new NextDueRepository(this.ds).markDue([contractId]);
  }

  /** Contracts linked as renewals of others: renewalOfId → the successor (for the "renewed" stop rule). */
  async successors(ofIds?: number[]): Promise<Map<number, { id: number; startsOn: IsoDate | null }>> {
    const find = (renewalOfId: FindOperator<number>) => this.ds.manager.find(ContractEntity, {
      select: { id: true, renewalOfId: true, startsOn: true, status: true },
      where: { renewalOfId, status: Not("terminated") },
      order: { id: "ASC" },
    });
    const rows = ofIds ? await chunked(ofIds, (part) => find(In(part))) : await find(Not(IsNull()));
    const out = new Map<number, { id: number; startsOn: IsoDate | null }>();
    for (const r of rows) if (r.renewalOfId !== null) out.set(r.renewalOfId, { id: r.id, startsOn: r.startsOn });
    return out;
  }

  private async upsert<E extends ObjectLiteral>(entity: EntityTarget<E>, key: Partial<E>, values: Partial<E>, em: EntityManager = this.ds.manager): Promise<void> {
    try {
      await em.insert(entity, { ...key, ...values } as E);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await em.update(entity, key as never, values as never);
    }
  }
}
