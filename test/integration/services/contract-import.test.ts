import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { ClauseEntity, ContractEntity, EntitlementEntity, OrgEntity, QuotaEntity, AuditEventEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/contracts/${name}`, import.meta.url));

describe.each(DRIVERS)("importing contracts on %s", (driver) => {
  let db: TestDatabase;
  let services: Services;
  const clock = new FixedClock("2024-04-05T06:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    services = createServices({ ds: db.ds, clock, log: silentLogger, config: loadConfig({ DATABASE_URL: "sqlite::memory:" }) });
  });
  afterAll(async () => db?.drop());

  const counts = async () => ({
    orgs: await db.ds.manager.count(OrgEntity), contracts: await db.ds.manager.count(ContractEntity),
    entitlements: await db.ds.manager.count(EntitlementEntity), quotas: await db.ds.manager.count(QuotaEntity),
    clauses: await db.ds.manager.count(ClauseEntity),
  });

  it("refuses bad documents and doubtful contracts without storing anything", async () => {
    const cases: [string, string, boolean?][] = [
      ["direct-variant.txt", "amount_words_mismatch"],
      ["reseller-no-annex.txt", "annex_missing"],
      ["scanned.pdf", "unsupported_file"],
      ["encrypted.pdf", "unsupported_file"],
      ["not-a-contract.txt", "not_a_contract"],
      ["empty.txt", "invalid_input"],
    ];
    for (const [file, code] of cases) {
      const err = await services.importContract({ bytes: fixture(file), fileName: file, actor: "t" }).catch((e) => e);
      expect(err, file).toMatchObject({ name: "AppError" });
      expect([code, "unsupported_file", "invalid_input"], `${file}: ${err.code} ${err.message}`).toContain(err.code);
      if (file === "direct-variant.txt") expect(err.message).toContain("--force");
    }
    expect(await counts()).toEqual({ orgs: 0, contracts: 0, entitlements: 0, quotas: 0, clauses: 0 });
  });

  it("stores a contract with its entitlements, quotas and clauses, taking the start from the signing date", async () => {
    const r = await services.importContract({ bytes: fixture("reseller-basic.txt"), fileName: "合同.txt", corpId: "ding-corp-a", actor: "t" });
    expect(r).toMatchObject({ status: "imported", startsOnSource: "signing", startsOn: "2024-01-08", endsOn: "2027-01-07", renewalOfId: null });
    const graph = await services.contractGraph(r.contractId);
    expect(graph!.contract).toMatchObject({ amountFen: 2646000, customerName: "示例贸易（上海）有限公司", termMonths: 36, status: "active" });
    expect(graph!.entitlements).toHaveLength(23);
    expect(graph!.quotas.find((q) => q.metric === "ding.messages")).toMatchObject({ quotaLimit: 1500, period: "year" });
    expect(graph!.clauses.length).toBeGreaterThan(5);
    expect(await db.ds.manager.countBy(AuditEventEntity, { action: "contract.imported" })).toBe(1);
  });

  it("recognises the same document again and changes nothing", async () => {
    const before = await counts();
    const r = await services.importContract({ bytes: fixture("reseller-basic.txt"), fileName: "again.txt", corpId: "ding-corp-a", actor: "t" });
    expect(r.status).toBe("already_imported");
    expect(await counts()).toEqual(before);
  });

  it("refuses a contract for another customer in the org, naming both, and stores nothing; --force continues the org with it", async () => {
    const before = await counts();
    const err = await services.importContract({ bytes: fixture("reseller-pipe.txt"), fileName: "other.txt", corpId: "ding-corp-a", actor: "t" }).catch((e) => e);
    expect(err).toMatchObject({ code: "customer_mismatch" });
    expect(err.message).toContain("演示物流（深圳）有限公司");
    expect(err.message).toContain("示例贸易（上海）有限公司");
    expect(err.message).toContain("--org");
    expect(await counts()).toEqual(before);
    const forced = await services.importContract({ bytes: fixture("reseller-pipe.txt"), fileName: "other.txt", corpId: "ding-corp-a", force: true, actor: "t" });
    expect(forced).toMatchObject({ status: "imported", renewalOfId: expect.any(Number) });
  });

  it("links the same customer's next contract as its renewal, continuing the term", async () => {
    const next = fixture("reseller-basic.txt").toString("utf8").replaceAll("时间：2024 年 1 月 8 日", "时间：2026 年 12 月 20 日");
    const first = await services.importContract({ bytes: fixture("reseller-basic.txt"), fileName: "合同.txt", corpId: "ding-corp-s", actor: "t" });
    const renewal = await services.importContract({ bytes: Buffer.from(next), fileName: "续约.txt", corpId: "ding-corp-s", actor: "t" });
    expect(renewal).toMatchObject({ status: "imported", startsOnSource: "renewal", startsOn: "2027-01-08", renewalOfId: first.contractId });
    expect((await services.contractGraph(first.contractId))!.contract.status).toBe("renewed");
  });

  it("knows the same contract in another encoding or format: BOM, CRLF, PDF and DOCX of one text are already imported", async () => {
    const first = await services.importContract({ bytes: fixture("direct-basic.txt"), fileName: "合同.txt", corpId: "ding-corp-same", actor: "t" });
    expect(first.status).toBe("imported");
    const before = await counts();
    const crlfBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture("direct-basic.txt").toString("utf8").replace(/\n/g, "\r\n"))]);
    for (const [name, bytes] of [["bom-crlf.txt", crlfBom], ["合同.pdf", fixture("direct-basic.pdf")], ["合同.docx", fixture("direct-basic.docx")], ["gbk.txt", fixture("direct-basic.gbk.txt")]] as const) {
      const r = await services.importContract({ bytes, fileName: name, corpId: "ding-corp-same", actor: "t" });
      expect([name, r.status, r.contractId]).toEqual([name, "already_imported", first.contractId]);
    }
    expect(await counts()).toEqual(before);
    expect((await services.contractGraph(first.contractId))!.contract.status).toBe("active");
  });

  it("imports with --force, honours --starts-on, and reads GBK, PDF and DOCX", async () => {
    const forced = await services.importContract({ bytes: fixture("direct-variant.txt"), fileName: "v.txt", corpId: "ding-corp-b", force: true, startsOn: "2024-02-01", actor: "t" });
    expect(forced).toMatchObject({ status: "imported", startsOnSource: "option", startsOn: "2024-02-01", endsOn: "2026-01-31" });
    for (const [file, corp] of [["direct-basic.gbk.txt", "c-gbk"], ["direct-basic.pdf", "c-pdf"], ["reseller-basic.docx", "c-docx"]]) {
      const r = await services.importContract({ bytes: fixture(file), fileName: file, corpId: corp, actor: "t" });
      expect(r.status, file).toBe("imported");
      expect((await services.contractGraph(r.contractId))!.quotas.length, file).toBeGreaterThan(10);
    }
    const err = await services.importContract({ bytes: fixture("direct-basic.txt"), fileName: "x", startsOn: "2024-13-01", corpId: "c-x", actor: "t" }).catch((e) => e);
    expect(err).toMatchObject({ code: "invalid_input", message: expect.stringContaining("YYYY-MM-DD") });
  });

  it.each([
    ["1900-01-01", "--starts-on 1900-01-01 cannot be the start of a DingTalk contract"],
    ["9999-12-31", "--starts-on 9999-12-31 cannot be the start of a DingTalk contract"],
  ])("refuses an absurd start date %s, naming what was typed, and stores nothing", async (startsOn, message) => {
    const before = await counts();
    const err = await services.importContract({ bytes: fixture("direct-basic.txt"), fileName: "x.txt", corpId: "ding-corp-dates", startsOn, actor: "t" }).catch((e) => e);
    expect(err).toMatchObject({ code: "invalid_input", message: expect.stringContaining(message) });
    expect(await counts()).toEqual(before);
  });

  it("imports an unusual but possible start date with a warning", async () => {
    const r = await services.importContract({ bytes: fixture("direct-basic.txt"), fileName: "x.txt", corpId: "ding-corp-dates2", startsOn: "2012-03-01", actor: "t" });
    expect(r.status).toBe("imported");
    expect(r.document.warnings).toContainEqual(expect.objectContaining({ code: "START_DATE_UNUSUAL" }));
  });

  it("refuses an invoice issued before it was requested, and an absurd corrected start, changing nothing", async () => {
    const r = await services.importContract({ bytes: fixture("direct-basic.txt"), fileName: "x.txt", corpId: "ding-corp-upd", actor: "t" });
    await services.updateContractDates({ contractId: r.contractId, actor: "t", dates: { invoiceRequestedOn: "2024-03-10" } });
    const early = await services.updateContractDates({ contractId: r.contractId, actor: "t", dates: { invoicedOn: "2024-03-01" } }).catch((e) => e);
    expect(early).toMatchObject({ code: "invalid_input", message: expect.stringContaining("before the invoice was requested on 2024-03-10") });
    const absurd = await services.updateContractDates({ contractId: r.contractId, actor: "t", dates: { startsOn: "1900-01-01" } }).catch((e) => e);
    expect(absurd).toMatchObject({ code: "invalid_input", message: expect.stringContaining("--starts-on 1900-01-01") });
    const graph = await services.contractGraph(r.contractId);
    expect([graph!.contract.invoicedOn, graph!.contract.startsOn]).toEqual([null, r.startsOn]);
  });
});
