import { In, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
import { ClauseEntity, ContractEntity, EntitlementEntity, OrgEntity, QuotaEntity, UsageRecordEntity } from "../entities/index.js";

/** Bound parameters per statement: well under SQLite's 32,766 and MySQL's 65,535 placeholders and packet limits. */
const MAX_PARAMS = 8_000;

/** Row shapes of a bulk seed: the entity's columns without the generated id. */
export type NewRow<T> = Omit<T, "id" | "contract" | "org" | "renewalOf" | "entitlement">;

/** One synthetic contract with everything an import would store for it; ids are filled in by `insertContracts`. */
export interface SeedContract {
  contract: NewRow<ContractEntity>;
  entitlements: Omit<NewRow<EntitlementEntity>, "contractId">[];
  /** Quotas, each naming the position of its entitlement in `entitlements`. */
  quotas: (Omit<NewRow<QuotaEntity>, "contractId" | "entitlementId"> & { entitlementPosition: number })[];
  clauses: Omit<NewRow<ClauseEntity>, "contractId">[];
  usage: Omit<NewRow<UsageRecordEntity>, "contractId">[];
}

/**
 * Multi-row inserts for load-test data: one statement per few thousand values, values converted by the driver
 * exactly as TypeORM converts them on save (dates, JSON, transformers), so both dialects read the rows back as usual.
 */
export class BulkSeedRepository {
  constructor(private readonly ds: DataSource) {}

  /** The orgs with these corpIds (created when missing, with the given names), by corpId. */
  async ensureOrgs(orgs: { corpId: string; name: string }[], at: Date): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    await this.ds.transaction(async (em) => {
      const corpIds = orgs.map((o) => o.corpId);
      for (let i = 0; i < corpIds.length; i += 500) {
        for (const o of await em.find(OrgEntity, { select: { id: true, corpId: true }, where: { corpId: In(corpIds.slice(i, i + 500)) } })) out.set(o.corpId, o.id);
      }
      await this.insertMany(em, OrgEntity, orgs.filter((o) => !out.has(o.corpId)).map((o) => ({ corpId: o.corpId, name: o.name, createdAt: at })));
      for (let i = 0; i < corpIds.length; i += 500) {
        for (const o of await em.find(OrgEntity, { select: { id: true, corpId: true }, where: { corpId: In(corpIds.slice(i, i + 500)) } })) out.set(o.corpId, o.id);
      }
    });
    return out;
  }

  /** Inserts the contracts and their contents in one transaction; returns the new contract ids in order. */
  async insertContracts(batch: SeedContract[]): Promise<number[]> {
    return this.ds.transaction(async (em) => {
      await this.insertMany(em, ContractEntity, batch.map((b) => b.contract));
      const ids = await this.contractIds(em, batch.map((b) => b.contract));
      await this.insertMany(em, EntitlementEntity, batch.flatMap((b, k) => b.entitlements.map((e) => ({ ...e, contractId: ids[k]! }))));
      const entitlementIds = new Map<string, number>();
      for (const e of await em.find(EntitlementEntity, { select: { id: true, contractId: true, position: true }, where: { contractId: In(ids) } })) {
        entitlementIds.set(`${e.contractId}|${e.position}`, e.id);
      }
      await this.insertMany(em, QuotaEntity, batch.flatMap((b, k) => b.quotas.map(({ entitlementPosition, ...q }) => ({
        ...q, contractId: ids[k]!, entitlementId: entitlementIds.get(`${ids[k]}|${b.entitlements[entitlementPosition]?.position}`) ?? null,
      }))));
      await this.insertMany(em, ClauseEntity, batch.flatMap((b, k) => b.clauses.map((c) => ({ ...c, contractId: ids[k]! }))));
      await this.insertMany(em, UsageRecordEntity, batch.flatMap((b, k) => b.usage.map((u) => ({ ...u, contractId: ids[k]! }))));
      return ids;
    });
  }

  /** Ids of just-inserted contracts, found by their (orgId, docHash) key, in the order given. */
  private async contractIds(em: EntityManager, rows: { orgId: number; docHash: string }[]): Promise<number[]> {
    const byKey = new Map<string, number>();
    for (const c of await em.find(ContractEntity, { select: { id: true, orgId: true, docHash: true }, where: { orgId: In([...new Set(rows.map((r) => r.orgId))]), docHash: In(rows.map((r) => r.docHash)) } })) {
      byKey.set(`${c.orgId}|${c.docHash}`, c.id);
    }
    return rows.map((r) => {
      const id = byKey.get(`${r.orgId}|${r.docHash}`);
      if (id === undefined) throw new Error(`seeded contract ${r.docHash} was not found after its insert`);
      return id;
    });
  }

  /** `INSERT … VALUES (…), (…)` in chunks, every non-generated column of the entity bound (missing ones as NULL). */
  private async insertMany<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.ds.getMetadata(target);
    const driver = this.ds.driver;
    const columns = meta.columns.filter((c) => !c.isGenerated);
    const head = `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(", ")}) VALUES `;
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      for (const row of chunk) for (const c of columns) params.push(driver.preparePersistentValue(row[c.propertyName] ?? null, c) ?? null);
      await em.query(head + chunk.map(() => tuple).join(", "), params);
    }
  }
}
