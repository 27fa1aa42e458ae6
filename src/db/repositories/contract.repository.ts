import { In, type DataSource, type EntityManager } from "typeorm";
import type { ContractDocument } from "../../domain/contract-document.js";
import type { ContractStatus, IsoDate } from "../../domain/model.js";
import { ClauseEntity, ContractEntity, EntitlementEntity, OrgEntity, QuotaEntity } from "../entities/index.js";
import { NextDueRepository } from "./next-due.repository.js";

/** A contract with everything it contains, as loaded for answers and the page. */
export interface ContractGraph {
  contract: ContractEntity;
  org: OrgEntity;
  entitlements: EntitlementEntity[];
  quotas: QuotaEntity[];
  clauses: ClauseEntity[];
}

/** The columns of a new contract the import decides (dates, links, provenance). */
export interface NewContractFields {
  orgId: number;
  renewalOfId: number | null;
  startsOn: IsoDate | null;
  startsOnSource: ContractEntity["startsOnSource"];
  endsOn: IsoDate | null;
  status: ContractStatus;
  docHash: string;
  docName: string;
  text: string;
  at: Date;
}

/** Reads and writes contracts and their entitlements, quotas and clauses. Writes take the transaction's manager. */
export class ContractRepository {
  constructor(private readonly ds: DataSource) {}

  /** The org with this corpId, or null. */
  findOrg(corpId: string, em: EntityManager = this.ds.manager): Promise<OrgEntity | null> {
    return em.findOneBy(OrgEntity, { corpId });
  }

  /** Finds or creates the org (inside the caller's transaction). */
  async ensureOrg(em: EntityManager, corpId: string, name: string, at: Date): Promise<OrgEntity> {
    const found = await em.findOneBy(OrgEntity, { corpId });
    if (found) return found;
    return em.save(OrgEntity, em.create(OrgEntity, { corpId, name: name.slice(0, 200), createdAt: at }));
  }

  /** The contract of this org with any of these document hashes, or null. */
  findByHash(em: EntityManager, orgId: number, ...docHashes: string[]): Promise<ContractEntity | null> {
    return em.findOneBy(ContractEntity, { orgId, docHash: In(docHashes) });
  }

  /** Every contract of the org (terminated ones too), oldest first. */
  forOrg(orgId: number, em: EntityManager = this.ds.manager): Promise<ContractEntity[]> {
    return em.find(ContractEntity, { where: { orgId }, order: { id: "ASC" } });
  }

  /** The org's most recent contract (latest end date, then latest id), optionally excluding terminated ones. */
  async latestForOrg(orgId: number, em: EntityManager = this.ds.manager, includeTerminated = false): Promise<ContractEntity | null> {
    const qb = em.createQueryBuilder(ContractEntity, "c").where("c.orgId = :orgId", { orgId });
    if (!includeTerminated) qb.andWhere("c.status <> 'terminated'");
    return qb.orderBy("c.endsOn", "DESC").addOrderBy("c.id", "DESC").getOne();
  }

  /** Inserts a parsed contract with its entitlements, quotas and clauses (the contract it renews is planned again); returns the new contract. */
  async insertGraph(em: EntityManager, doc: ContractDocument, f: NewContractFields): Promise<ContractEntity> {
    const contract = await em.save(ContractEntity, em.create(ContractEntity, {
      orgId: f.orgId, renewalOfId: f.renewalOfId, format: doc.format, title: doc.title, product: doc.product,
      edition: doc.edition, customerName: doc.customer?.name ?? null, vendors: doc.vendors.map((v) => v.name),
      amountFen: doc.amount?.fen ?? null, amountWords: doc.amount?.words ?? null, currency: doc.amount?.currency ?? "CNY",
      signedOn: doc.signedOn, startsOn: f.startsOn, startsOnSource: f.startsOnSource, endsOn: f.endsOn,
      termMonths: doc.termMonths, status: f.status, paymentTerms: doc.deadlines.payment, invoiceTerms: doc.deadlines.invoice,
      paidOn: null, invoiceRequestedOn: null, invoicedOn: null, docHash: f.docHash, docName: f.docName.slice(0, 255),
      source: { text: f.text, warnings: doc.warnings, sources: doc.sources ?? {} }, createdAt: f.at, updatedAt: f.at,
    }));
    const seen = new Set<string>();
    for (const [position, e] of doc.entitlements.entries()) {
      const ent = await em.save(EntitlementEntity, em.create(EntitlementEntity, {
        contractId: contract.id, code: e.code.slice(0, 100), name: e.name.slice(0, 200), category: e.category,
        description: e.description, spec: e.spec?.slice(0, 500) ?? null, position,
      }));
      const quotas = e.quotas.filter((q) => !seen.has(q.metric) && seen.add(q.metric));
      if (quotas.length) {
        await em.insert(QuotaEntity, quotas.map((q) => ({
          contractId: contract.id, entitlementId: ent.id, metric: q.metric, quotaLimit: q.limit, unit: q.unit, period: q.period,
        })));
      }
    }
    const clauses = doc.clauses.map((c, position) => ({ contractId: contract.id, part: c.part, ref: c.ref.slice(0, 32), text: c.text, tags: c.tags, position }));
    for (let i = 0; i < clauses.length; i += 100) await em.insert(ClauseEntity, clauses.slice(i, i + 100));
    if (f.renewalOfId !== null) await new NextDueRepository(this.ds).markDue([f.renewalOfId], em);
    return contract;
  }

  /** Sets a contract's status (its reminders are planned again); returns false when the contract does not exist. */
  async setStatus(id: number, status: ContractStatus, at: Date, em: EntityManager = this.ds.manager): Promise<boolean> {
    const res = await em.update(ContractEntity, { id }, { status, updatedAt: at });
    await new NextDueRepository(this.ds).markDue([id], em);
    return res.affected === 1;
  }

  /** Updates the payment/invoice facts an admin reports (paid on, invoice requested/received on); reminders are planned again. */
  async setDates(id: number, dates: Partial<Pick<ContractEntity, "paidOn" | "invoiceRequestedOn" | "invoicedOn" | "startsOn" | "endsOn" | "startsOnSource">>, at: Date): Promise<boolean> {
    const res = await this.ds.manager.update(ContractEntity, { id }, { ...dates, updatedAt: at });
    await new NextDueRepository(this.ds).markDue([id]);
    return res.affected === 1;
  }

  /** Every contract (newest first), optionally of one org. */
  list(orgId?: number): Promise<ContractEntity[]> {
    return this.ds.manager.find(ContractEntity, { where: orgId ? { orgId } : {}, order: { id: "DESC" } });
  }

  /** All contracts whose status is one of `statuses` (for the reminder sweep). */
  listByStatus(statuses: ContractStatus[]): Promise<ContractEntity[]> {
    return this.ds.manager.createQueryBuilder(ContractEntity, "c").where("c.status IN (:...s)", { s: statuses }).orderBy("c.id").getMany();
  }

  /** A contract and its contents, or null. */
  async graph(id: number): Promise<ContractGraph | null> {
    const m = this.ds.manager;
    const contract = await m.findOneBy(ContractEntity, { id });
    if (!contract) return null;
    const [org, entitlements, quotas, clauses] = await Promise.all([
      m.findOneByOrFail(OrgEntity, { id: contract.orgId }),
      m.find(EntitlementEntity, { where: { contractId: id }, order: { position: "ASC" } }),
      m.find(QuotaEntity, { where: { contractId: id }, order: { id: "ASC" } }),
      m.find(ClauseEntity, { where: { contractId: id }, order: { position: "ASC" } }),
    ]);
    return { contract, org, entitlements, quotas, clauses };
  }

  /** The chain of contracts of an org, oldest first (original, then renewals). */
  history(orgId: number): Promise<ContractEntity[]> {
    return this.ds.manager.find(ContractEntity, { where: { orgId }, order: { startsOn: "ASC", id: "ASC" } });
  }

  /** True when the contract has a quota of this metric. */
  async hasQuota(contractId: number, metric: string): Promise<boolean> {
    return (await this.ds.manager.countBy(QuotaEntity, { contractId, metric })) > 0;
  }

  /** Number of orgs (an empty database has none). */
  countOrgs(): Promise<number> {
    return this.ds.manager.count(OrgEntity);
  }

  /** True when a contract with this id exists (whatever its status). */
  exists(id: number): Promise<boolean> {
    return this.ds.manager.exists(ContractEntity, { where: { id } });
  }

  /** The oldest org, or null (one indexed row, whatever the number of orgs). */
  async firstOrg(): Promise<OrgEntity | null> {
    return (await this.ds.manager.find(OrgEntity, { order: { id: "ASC" }, take: 1 }))[0] ?? null;
  }

  /** All orgs. */
  orgs(): Promise<OrgEntity[]> {
    return this.ds.manager.find(OrgEntity, { order: { id: "ASC" } });
  }
}
