import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { fakeTodos } from "../../fakes/fake-todo.js";
import { buildContractDocument, seedContract } from "../../support/contract-factory.js";

/** DingTalk to-dos for the renewal deadline, end to end: the real service, the fake DingTalk over real sockets. */
describe("DingTalk to-dos for the deadlines that cost money", () => {
  const T7 = new Date("2025-09-24T01:30:00Z"); // 09:30 Shanghai, 7 days before a term ending 2025-10-01
  let fake: FakeDingTalk;
  let app: RunningSteward;
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
  });

  async function start(env: Record<string, string> = {}) {
    const clock = new FixedClock(T7);
    fake = await FakeDingTalk.start();
    for (const userid of ["admin1", "admin2", "admin3"]) fake.addUser({ userid, sysLevel: 2 });
    const config = loadConfig({
      PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent", STEWARD_PUBLIC_URL: "https://steward.example.com",
      STEWARD_ADMIN_USERIDS: "admin1,admin2,admin3", ...fake.env(), ...env,
    });
    app = await startSteward(config, { log: silentLogger, clock, scheduler: false });
    const doc = buildContractDocument({ deadlines: { payment: null, invoice: null } });
    const contractId = await seedContract(app.ds, { corpId: fake.app.corpId, startsOn: "2024-10-02", doc });
    const sweep = async (at: Date) => {
      clock.set(at);
      return app.services.runReminderSweep({ now: at });
    };
    return { contractId, sweep, todos: fakeTodos(fake.core) };
  }
  const todoCalls = () => fake.core.requests.filter((r) => r.api.startsWith("todo."));

  it("creates one renewal to-do per admin, never twice, and completes them all when the contract is renewed", async () => {
    const { contractId, sweep, todos } = await start();
    expect((await sweep(T7)).sent).toBeGreaterThan(0);
    expect(todos.tasks.map((t) => [t.creatorUnionId, t.sourceId, t.priority, t.done])).toEqual(["admin1", "admin2", "admin3"].map((u) => [
      `union-${u}`, `steward-${contractId}-renewal-2025-10-01`, 40, false,
    ]));
    expect(todos.tasks[0]).toMatchObject({ subject: "续费钉钉专业版（2025-10-01 到期）", detailUrl: { appUrl: "https://steward.example.com/mini-app/" } });
    const calls = todoCalls().length;
    await sweep(new Date(T7.getTime() + 20 * 60_000));
    expect(todoCalls()).toHaveLength(calls); // known to be in place: no call
    await app.services.declareRenewal({ actor: "admin1", declaration: "renewed", contractId });
    await sweep(new Date(T7.getTime() + 40 * 60_000));
    expect(todos.tasks).toHaveLength(3);
    expect(todos.tasks.every((t) => t.done)).toBe(true);
  });

  it("deletes the to-dos when the contract is terminated", async () => {
    const { contractId, sweep, todos } = await start();
    await sweep(T7);
    expect(todos.tasks.filter((t) => !t.deleted)).toHaveLength(3);
    await app.services.declareRenewal({ actor: "admin1", declaration: "terminated", contractId });
    await sweep(new Date(T7.getTime() + 20 * 60_000));
    expect(todos.tasks.every((t) => t.deleted)).toBe(true);
  });

  it("without Todo.Todo.Write keeps the reminders flowing and creates nothing; reminders.todo.enabled: false makes no to-do call", async () => {
    const first = await start();
    first.todos.permitted = false;
    const r = await first.sweep(T7);
    expect(r.sent).toBeGreaterThan(0);
    expect(first.todos.tasks).toEqual([]);
    expect(todoCalls()).toHaveLength(1); // one refusal, then the pass stops
    await app.stop();
    await fake.close();

    const file = join(mkdtempSync(join(tmpdir(), "todo-off-")), "settings.json");
    writeFileSync(file, JSON.stringify({ reminders: { todo: { enabled: false, leadDays: 30 } } }));
    const off = await start({ STEWARD_CONFIG_FILE: file });
    expect((await off.sweep(T7)).sent).toBeGreaterThan(0);
    expect(todoCalls()).toEqual([]);
  });
});
