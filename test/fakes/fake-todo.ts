import type { ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { FakeCore } from "./fake-core.js";
import { requestId, sendJson, type FakeRequest } from "./fake-http.js";

/** A to-do the fake DingTalk holds. */
export interface FakeTodo {
  id: string;
  creatorUnionId: string;
  sourceId: string | null;
  subject: string;
  executorIds: string[];
  dueTime: number | null;
  priority: number | null;
  detailUrl: { appUrl?: string; pcUrl?: string } | null;
  done: boolean;
  deleted: boolean;
}

/** To-do state of one fake DingTalk: the tasks, and whether the app holds Todo.Todo.Write. */
export interface FakeTodoState {
  tasks: FakeTodo[];
  permitted: boolean;
}

const states = new WeakMap<FakeCore, FakeTodoState>();

/** The to-do state of `core` (created on first use; the permission is granted by default). */
export function fakeTodos(core: FakeCore): FakeTodoState {
  let s = states.get(core);
  if (!s) states.set(core, (s = { tasks: [], permitted: true }));
  return s;
}

const TASKS = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks$/;
const BY_SOURCE = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks\/sources\/([^/]+)$/;
const ONE = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks\/([^/]+)$/;

/** The API name of a to-do request (todo.create, todo.getBySource, todo.update, todo.delete), or null. */
export function todoApiName(req: FakeRequest): string | null {
  if (req.method === "POST" && TASKS.test(req.path)) return "todo.create";
  if (req.method === "GET" && BY_SOURCE.test(req.path)) return "todo.getBySource";
  if (req.method === "PUT" && ONE.test(req.path)) return "todo.update";
  if (req.method === "DELETE" && ONE.test(req.path)) return "todo.delete";
  return null;
}

function fail(res: ServerResponse, status: number, code: string, message: string): number {
  sendJson(res, status, { code, message, requestid: requestId() });
  return status;
}

const view = (t: FakeTodo) => ({
  id: t.id, sourceId: t.sourceId, subject: t.subject, executorIds: t.executorIds, dueTime: t.dueTime, done: t.done, priority: t.priority,
  detailUrl: t.detailUrl, creatorId: t.creatorUnionId, requestId: requestId(),
});

/** Serves one authenticated to-do request the way DingTalk does (sourceId unique per creator, 403 without permission). */
export function serveTodo(core: FakeCore, api: string, req: FakeRequest, res: ServerResponse): number {
  const s = fakeTodos(core);
  if (!s.permitted) {
    return fail(res, 403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "没有调用该接口的权限，接口权限申请参考：requiredScopes=[Todo.Todo.Write]");
  }
  const path = decodeURIComponent(req.path);
  const live = (t: FakeTodo) => !t.deleted;
  if (api === "todo.create") {
    const [, unionId] = TASKS.exec(req.path)!;
    const b = req.body;
    if (typeof b.subject !== "string" || !b.subject) return fail(res, 400, "todo.taskCreate.paramError", "subject is empty");
    const detail = b.detailUrl as FakeTodo["detailUrl"] | undefined;
    if (!detail?.appUrl && !detail?.pcUrl) return fail(res, 400, "todo.taskCreate.paramError", "detailUrl is required");
    const sourceId = typeof b.sourceId === "string" ? b.sourceId : null;
    if (sourceId && s.tasks.some((t) => live(t) && t.creatorUnionId === unionId && t.sourceId === sourceId)) {
      return fail(res, 400, "todo.taskCreate.paramError", "task exist");
    }
    const task: FakeTodo = {
      id: randomUUID(), creatorUnionId: decodeURIComponent(unionId!), sourceId, subject: b.subject,
      executorIds: Array.isArray(b.executorIds) ? b.executorIds.map(String) : [], dueTime: typeof b.dueTime === "number" ? b.dueTime : null,
      priority: typeof b.priority === "number" ? b.priority : null, detailUrl: detail ?? null, done: false, deleted: false,
    };
    s.tasks.push(task);
    sendJson(res, 200, view(task));
    return 200;
  }
  if (api === "todo.getBySource") {
    const [, unionId, sourceId] = BY_SOURCE.exec(path)!;
    const task = s.tasks.find((t) => live(t) && t.creatorUnionId === unionId && t.sourceId === sourceId);
    if (!task) return fail(res, 400, "todo.taskQuery.paramError", "task not exist");
    sendJson(res, 200, view(task));
    return 200;
  }
  const [, , taskId] = ONE.exec(path)!;
  const task = s.tasks.find((t) => live(t) && t.id === taskId);
  if (!task) return fail(res, 400, "todo.taskUpdate.paramError", "task not exist");
  if (api === "todo.update") {
    if (typeof req.body.done === "boolean") task.done = req.body.done;
    sendJson(res, 200, { result: true, requestId: requestId() });
    return 200;
  }
  task.deleted = true;
  sendJson(res, 200, { result: true, requestId: requestId() });
  return 200;
}
