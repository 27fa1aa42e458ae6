import { readFileSync } from "node:fs";
import type { PipelineDeps } from "../../../src/bot/bot-context.js";
import { createPipeline, type BotPipeline } from "../../../src/bot/pipeline.js";
import type { RobotMessage } from "../../../src/bot/robot-message.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import { BOT_NOW, botConfig, memoryReplier, robotMessage } from "../../support/bot-fixtures.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

/** A bot over a real database and real services, replies recorded in memory. */
export interface BotHarness {
  db: TestDatabase;
  services: Services;
  clock: FixedClock;
  replier: ReturnType<typeof memoryReplier>;
  pipeline: BotPipeline;
  /** Sends one text (1:1 from admin1 unless overridden) and returns the reply texts. */
  ask(text: string, over?: Partial<RobotMessage>): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens a database, builds the services and the pipeline (claims through processed_messages). */
export async function botHarness(driver: "sqlite" | "mariadb", env: Record<string, string> = {}): Promise<BotHarness> {
  const db = await openTestDatabase(driver);
  const clock = new FixedClock(BOT_NOW);
  const config = botConfig({ STEWARD_ADMIN_USERIDS: "admin1", STEWARD_ADMIN_GROUPS: "cid-admins", ...env });
  const services = createServices({ ds: db.ds, clock, log: silentLogger, config });
  const claims = new ClaimsRepository(db.ds);
  const replier = memoryReplier();
  const deps: PipelineDeps = { services, config, clock, log: silentLogger, replier, claimMessage: (id) => claims.claimMessage(id, "test", clock.now()) };
  const pipeline = createPipeline(deps);
  return {
    db, services, clock, replier, pipeline,
    async ask(text, over = {}) {
      const ctx = await pipeline(robotMessage({ text: { content: text }, ...over }));
      return ctx.sent.map((r) => r.text);
    },
    close: () => db.drop(),
  };
}

/** Imports a contract fixture through the real parser and import service. */
export async function importFixture(services: Services, name: string, startsOn?: string): Promise<number> {
  const path = new URL(`../../fixtures/contracts/${name}`, import.meta.url);
  const r = await services.importContract({ bytes: readFileSync(path), fileName: name, actor: "test", startsOn, force: true });
  return r.contractId;
}
