import type todoPkg from "@alicloud/dingtalk/dist/todo_1_0/client.js";
import { createRequire } from "node:module";
import { z } from "zod";
import { AppError } from "../lib/app-error.js";
import type { ApiSpec, CallPolicy } from "./call-policy.js";
import { DingTalkApiError } from "./dingtalk-errors.js";
import { callHeaders, fromSdkError, runtimeOptions, sdk } from "./openapi-sdk.js";

/** A DingTalk work to-do (待办) as the steward needs it. */
export interface TodoTask {
  id: string;
  sourceId: string | null;
  subject: string;
  done: boolean;
  dueTime: number | null;
}

/** What to create: one to-do per `sourceId` (DingTalk refuses a second one with "task exist"). */
export interface NewTodo {
  sourceId: string;
  subject: string;
  description?: string;
  /** Executors' unionIds (the creator is the first). */
  executorUnionIds: string[];
  dueTime: number | null;
  /** The page the to-do opens (mandatory for work to-dos since 2024-02-01). */
  detailUrl: string;
  /** 10 low · 20 normal · 30 high · 40 urgent. */
  priority: 10 | 20 | 30 | 40;
}

const requireCjs = createRequire(import.meta.url);
let todoModule: typeof todoPkg | undefined;
const todoSdk = (): typeof todoPkg => (todoModule ??= requireCjs("@alicloud/dingtalk/dist/todo_1_0/client.js"));

const PERMISSION = "Todo.Todo.Write";
/** A missing permission says which one to grant; a missing detailUrl says what to configure. */
function mapTodoError(e: DingTalkApiError): AppError | undefined {
  if (/AccessTokenPermissionDenied|Forbidden\.AccessDenied(?!\.(?:Qps|ApiCount))/i.test(e.code) || e.status === 403) {
    return new AppError("dingtalk_error", `DingTalk refused the to-do API: grant the app the permission ${PERMISSION} (开发者后台 → 权限管理), then retry. Reminders keep flowing without to-dos.`, {
      dingtalkCode: e.code, permission: PERMISSION,
    });
  }
  if (/detailUrl/i.test(e.remoteMessage)) {
    return new AppError("invalid_config", "DingTalk needs a detail link for work to-dos: set STEWARD_PUBLIC_URL so to-dos open the workbench page.", { dingtalkCode: e.code });
  }
  return undefined;
}
const api = (name: string, idempotent: boolean): ApiSpec => ({ name, metered: true, idempotent, auth: true, mapError: mapTodoError });
const APIS = { create: api("todo.create", false), get: api("todo.getBySource", true), update: api("todo.update", true), remove: api("todo.delete", true) };

const TaskBody = z.object({
  id: z.string().min(1), sourceId: z.string().nullish(), subject: z.string().nullish(), done: z.boolean().nullish(), dueTime: z.number().nullish(),
});

/** Options for {@link DingTalkTodoClient}. */
export interface DingTalkTodoClientOptions {
  apiBase: string;
  policy: CallPolicy;
  timeoutMs?: number;
}

/**
 * DingTalk work to-dos (`/v1.0/todo/users/{unionId}/tasks`) through the shared CallPolicy. `ensure` is idempotent by
 * `sourceId`: a to-do that already exists is looked up and returned, never created twice.
 */
export class DingTalkTodoClient {
  private client: InstanceType<typeof todoPkg.default> | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly opts: DingTalkTodoClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** The to-do of `sourceId` created by `unionId`, or null when there is none. */
  async getBySourceId(unionId: string, sourceId: string): Promise<TodoTask | null> {
    need(unionId, "unionId");
    need(sourceId, "sourceId");
    try {
      const body = await this.opts.policy.run(APIS.get, async ({ token }) => {
        const headers = new (todoSdk().GetTodoTaskBySourceIdHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
        const res = await this.call(() => this.sdk().getTodoTaskBySourceIdWithOptions(unionId, sourceId, headers, runtimeOptions(this.timeoutMs)));
        return parse(res.body, APIS.get.name);
      });
      return body;
    } catch (err) {
      if (err instanceof AppError && /task not exist|not ?found/i.test(String(err.message))) return null;
      throw err;
    }
  }

  /** Creates the to-do, or returns the existing one when DingTalk answers "task exist" for its `sourceId`. */
  async ensure(creatorUnionId: string, t: NewTodo): Promise<{ task: TodoTask; created: boolean }> {
    need(creatorUnionId, "creator unionId");
    need(t.sourceId, "sourceId");
    if (!t.detailUrl) throw new AppError("invalid_config", "DingTalk needs a detail link for work to-dos: set STEWARD_PUBLIC_URL so to-dos open the workbench page.");
    try {
      const task = await this.opts.policy.run(APIS.create, async ({ token }) => {
        const req = new (todoSdk().CreateTodoTaskRequest)({
          sourceId: t.sourceId, subject: t.subject.slice(0, 1024), description: t.description?.slice(0, 4096), creatorId: creatorUnionId,
          executorIds: t.executorUnionIds, dueTime: t.dueTime ?? undefined, priority: t.priority, isOnlyShowExecutor: true, operatorId: creatorUnionId,
          detailUrl: new (todoSdk().CreateTodoTaskRequestDetailUrl)({ appUrl: t.detailUrl, pcUrl: t.detailUrl }),
        });
        const headers = new (todoSdk().CreateTodoTaskHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
        const res = await this.call(() => this.sdk().createTodoTaskWithOptions(creatorUnionId, req, headers, runtimeOptions(this.timeoutMs)));
        return parse(res.body, APIS.create.name);
      });
      return { task, created: true };
    } catch (err) {
      if (!(err instanceof AppError) || !/task exist/i.test(err.message)) throw err;
      const existing = await this.getBySourceId(creatorUnionId, t.sourceId);
      if (!existing) throw err;
      return { task: existing, created: false };
    }
  }

  /** Marks the to-do done (renewed, paid, invoiced). */
  async complete(unionId: string, taskId: string): Promise<void> {
    need(unionId, "unionId");
    need(taskId, "taskId");
    await this.opts.policy.run(APIS.update, async ({ token }) => {
      const req = new (todoSdk().UpdateTodoTaskRequest)({ done: true, operatorId: unionId });
      const headers = new (todoSdk().UpdateTodoTaskHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
      await this.call(() => this.sdk().updateTodoTaskWithOptions(unionId, taskId, req, headers, runtimeOptions(this.timeoutMs)));
    });
  }

  /** Deletes the to-do (the contract was terminated). */
  async remove(unionId: string, taskId: string): Promise<void> {
    need(unionId, "unionId");
    need(taskId, "taskId");
    await this.opts.policy.run(APIS.remove, async ({ token }) => {
      const req = new (todoSdk().DeleteTodoTaskRequest)({ operatorId: unionId });
      const headers = new (todoSdk().DeleteTodoTaskHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
      await this.call(() => this.sdk().deleteTodoTaskWithOptions(unionId, taskId, req, headers, runtimeOptions(this.timeoutMs)));
    });
  }

  private sdk(): InstanceType<typeof todoPkg.default> {
    if (this.client) return this.client;
    const url = new URL(this.opts.apiBase);
    const config = new (sdk().openApi.Config)({
      protocol: url.protocol.slice(0, -1), endpoint: url.host, regionId: "central", readTimeout: this.timeoutMs, connectTimeout: this.timeoutMs,
    });
    return (this.client = new (todoSdk().default)(config));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw fromSdkError(e);
    }
  }
}

function need(v: string, what: string): void {
  if (!v) throw new AppError("invalid_input", `The to-do API needs a ${what}.`);
}

function parse(body: unknown, apiName: string): TodoTask {
  const r = TaskBody.safeParse(body ?? {});
  if (!r.success) throw new DingTalkApiError("v1", 200, "UnexpectedResponse", `${apiName} answered an unexpected body`);
  const b = r.data;
  return { id: b.id, sourceId: b.sourceId ?? null, subject: b.subject ?? "", done: b.done ?? false, dueTime: b.dueTime ?? null };
}
