import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const reseller = readFileSync(new URL("../../fixtures/contracts/reseller-basic.txt", import.meta.url), "utf8");
const TERM_LINE = "8.1、本协议自双方加盖公章之日起生效，有效期为三年（3）年。";
const variant = (clause: string) => Buffer.from(reseller.replace(TERM_LINE, clause));

describe("a service period written in the contract sets the term", () => {
  let db: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    db = await openTestDatabase("sqlite");
    services = createServices({ ds: db.ds, clock: new FixedClock("2024-04-05T06:00:00Z"), log: silentLogger, config: loadConfig({ DATABASE_URL: "sqlite::memory:" }) });
  });
  afterAll(async () => db?.drop());

  it("starts and ends where the text says, not at the signing date", async () => {
    const r = await services.importContract({ bytes: variant("8.1、服务期限：自2024年2月1日起至2027年1月31日止。"), fileName: "p.txt", corpId: "corp-period", actor: "t" });
    expect(r).toMatchObject({ status: "imported", startsOnSource: "contract", startsOn: "2024-02-01", endsOn: "2027-01-31" });
    expect(r.document.signedOn).toBe("2024-01-08");
    expect((await services.contractGraph(r.contractId))!.contract).toMatchObject({ startsOn: "2024-02-01", endsOn: "2027-01-31", startsOnSource: "contract" });
  });

  it("uses the written end date and warns when it contradicts the term in months", async () => {
    const r = await services.importContract({ bytes: variant("8.1、服务期限：自2024年2月1日起至2025年1月31日止。"), fileName: "q.txt", corpId: "corp-conflict", actor: "t" });
    expect(r).toMatchObject({ startsOn: "2024-02-01", endsOn: "2025-01-31" });
    expect(r.document.warnings.find((w) => w.code === "SERVICE_PERIOD_MISMATCH")?.message).toContain("2027-01-31");
  });

  it("lets --starts-on override the written period, with the end computed from the term", async () => {
    const r = await services.importContract({ bytes: variant("8.1、服务期限：自2024年2月1日起至2027年1月31日止。"), fileName: "r.txt", corpId: "corp-option", startsOn: "2024-03-01", actor: "t" });
    expect(r).toMatchObject({ startsOnSource: "option", startsOn: "2024-03-01", endsOn: "2027-02-28" });
  });
});
