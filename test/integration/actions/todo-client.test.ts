import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingTalkClients } from "../../../src/dingtalk/dingtalk-clients.js";
import type { NewTodo } from "../../../src/dingtalk/todo-client.js";
import { AppError } from "../../../src/lib/app-error.js";
import { systemClock } from "../../../src/lib/clock.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { fakeTodos } from "../../fakes/fake-todo.js";

/** DingTalk work to-dos against the fake over real sockets: one per sourceId, complete, delete, and the refusals. */
describe("DingTalk to-do client", () => {
  let fake: FakeDingTalk;
  const metered: string[] = [];
  beforeEach(async () => {
    fake = await FakeDingTalk.start();
    metered.length = 0;
  });
  afterEach(async () => fake.close());

  const clients = () => createDingTalkClients({
    clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, robotCode: fake.app.robotCode, corpId: fake.app.corpId,
    apiBase: fake.baseUrl, oapiBase: fake.baseUrl, clock: systemClock, backoffBaseMs: 5, timeoutMs: 2000, meter: (_m, _n, api) => metered.push(api),
  });
  const renewal: NewTodo = {
    sourceId: "contract-7:renewal:2025-10-01", subject: "续费钉钉专业版（2025-10-01 到期）", executorUnionIds: ["union-admin1"],
    dueTime: Date.parse("2025-10-01T00:00:00+08:00"), detailUrl: "https://steward.example.com/mini-app/", priority: 30,
  };

  it("creates one to-do per sourceId, finds it by sourceId, completes and deletes it", async () => {
    const { todo } = clients();
    const first = await todo.ensure("union-admin1", renewal);
    expect(first.created).toBe(true);
    const again = await todo.ensure("union-admin1", renewal);
    expect(again).toEqual({ task: first.task, created: false });
    const state = fakeTodos(fake.core);
    expect(state.tasks).toHaveLength(1);
    expect(state.tasks[0]).toMatchObject({ sourceId: renewal.sourceId, executorIds: ["union-admin1"], priority: 30, detailUrl: { appUrl: renewal.detailUrl } });
    expect(await todo.getBySourceId("union-admin1", renewal.sourceId)).toMatchObject({ id: first.task.id, done: false });
    expect(await todo.getBySourceId("union-admin2", renewal.sourceId)).toBeNull();
    await todo.complete("union-admin1", first.task.id);
    expect(state.tasks[0]!.done).toBe(true);
    await todo.remove("union-admin1", first.task.id);
    expect(await todo.getBySourceId("union-admin1", renewal.sourceId)).toBeNull();
    expect(metered).toEqual(["todo.create", "todo.create", "todo.getBySource", "todo.getBySource", "todo.getBySource", "todo.update", "todo.delete", "todo.getBySource"]);
  });

  it("without Todo.Todo.Write says which permission to grant", async () => {
    fakeTodos(fake.core).permitted = false;
    const err = await clients().todo.ensure("union-admin1", renewal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain("Todo.Todo.Write");
    expect((err as AppError).details).toMatchObject({ permission: "Todo.Todo.Write" });
  });

  it("refuses a to-do without a detail link or creator before calling DingTalk; an unknown task is a dingtalk_error", async () => {
    const { todo } = clients();
    await expect(todo.ensure("union-admin1", { ...renewal, detailUrl: "" })).rejects.toMatchObject({ code: "invalid_config" });
    expect(fake.core.requests.filter((r) => r.api.startsWith("todo."))).toEqual([]);
    await expect(todo.complete("union-admin1", "no-such-task")).rejects.toMatchObject({ code: "dingtalk_error" });
    await expect(todo.ensure("", renewal)).rejects.toMatchObject({ code: "invalid_input" });
  });
});
