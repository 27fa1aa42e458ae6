import type { ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { METERED_APIS, type FakeApp, type FakeCore, type ScriptedFailure } from "./fake-core.js";
import { requestId, sendJson, type FakeRequest } from "./fake-http.js";
import { serveTodo, todoApiName } from "./fake-todo.js";
import { serveReadStatus } from "./fake-read-status.js";

const ROUTES: Record<string, string> = {
  "POST /v1.0/oauth2/accessToken": "oauth2.accessToken",
  "POST /v1.0/robot/oToMessages/batchSend": "robot.batchSend",
  "POST /v1.0/robot/groupMessages/send": "robot.groupSend",
  "POST /v1.0/robot/ding/send": "robot.ding",
};

/** Maps a v1.0 request to the API name the clients use, or null when it is not a v1.0 OpenAPI route. */
export function openApiName(req: FakeRequest): string | null {
  const direct = ROUTES[`${req.method} ${req.path}`];
  if (direct) return direct;
  if (req.method === "GET" && /^\/v1\.0\/storage\/orgs\/[^/]+$/.test(req.path)) return "storage.org";
  if (req.method === "GET" && req.path === "/v1.0/robot/oToMessages/readStatus") return "robot.readStatus";
  return todoApiName(req);
}

function v1Error(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message, requestid: requestId() });
}

/** Writes the v1.0 answer for a scripted failure; returns the recorded outcome. */
function failV1(res: ServerResponse, f: Exclude<ScriptedFailure, "hang">): "throttled" | "invalid_token" | "quota" | "scripted" {
  if (f === "throttle") {
    v1Error(res, 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "调用该接口超过每秒调用上限");
    return "throttled";
  }
  if (f === "invalid_token") {
    v1Error(res, 400, "InvalidAuthentication", "不合法的access_token");
    return "invalid_token";
  }
  if (f === "quota") {
    v1Error(res, 403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "组织API调用量超过限额, 调用量:10001次,额度:10000次");
    return "quota";
  }
  if (f === "server_error") {
    v1Error(res, 500, "system.error", "系统错误");
    return "scripted";
  }
  sendJson(res, f.status, f.body);
  return "scripted";
}

/** Handles a v1.0 OpenAPI request (api.dingtalk.com). */
export function handleOpenApi(core: FakeCore, api: string, req: FakeRequest, res: ServerResponse): void {
  const done = (status: number, outcome: Parameters<FakeCore["record"]>[0]["outcome"], clientId?: string) =>
    core.record({ api, method: req.method, path: req.path, status, outcome, clientId });

  const scripted = core.takeScript(api);
  if (scripted === "hang") return done(0, "scripted");
  if (scripted) {
    const outcome = failV1(res, scripted);
    return done(res.statusCode, outcome);
  }

  if (api === "oauth2.accessToken") {
    const app = core.authenticate(req.body.appKey, req.body.appSecret);
    if (!app) {
      v1Error(res, 400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
      return done(400, "error");
    }
    const t = core.issueToken(app, api);
    sendJson(res, 200, { accessToken: t.token, expireIn: t.expiresInSec });
    return done(200, "ok", app.clientId);
  }

  const app = core.tokenOwner(req.headers["x-acs-dingtalk-access-token"]);
  if (!app) {
    v1Error(res, 400, "InvalidAuthentication", "不合法的access_token");
    return done(400, "invalid_token");
  }
  if (core.overQps(app.clientId, api)) {
    v1Error(res, 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "调用该接口超过每秒调用上限");
    return done(403, "throttled", app.clientId);
  }
  if (core.quotaExhausted && METERED_APIS.has(api)) {
    failV1(res, "quota");
    return done(403, "quota", app.clientId);
  }
  const status = serve(core, app, api, req, res);
  done(status, status === 200 ? "ok" : "error", app.clientId);
}

function parseParam(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== "string") return undefined;
  try {
    return JSON.parse(v) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function serve(core: FakeCore, app: FakeApp, api: string, req: FakeRequest, res: ServerResponse): number {
  const b = req.body;
  if (api.startsWith("todo.")) return serveTodo(core, api, req, res);
  if (api === "robot.readStatus") return serveReadStatus(core, app, req, res);
  if (api !== "storage.org" && b.robotCode !== app.robotCode) {
    v1Error(res, 400, "invalidParameter.robotCode.auth", "robotCode 无效或无权限");
    return 400;
  }
  if (api === "robot.batchSend" || api === "robot.groupSend") {
    const msgParam = parseParam(b.msgParam);
    if (typeof b.msgKey !== "string" || !msgParam) {
      v1Error(res, 400, "invalidParameter.msgParam.invalid", "msgKey/msgParam 无效");
      return 400;
    }
    if (api === "robot.groupSend") {
      core.sent.push({ api, at: core.now(), robotCode: app.robotCode, userIds: [], openConversationId: String(b.openConversationId), msgKey: b.msgKey, msgParam });
      sendJson(res, 200, { processQueryKey: randomUUID() });
      return 200;
    }
    const userIds = Array.isArray(b.userIds) ? b.userIds.map(String) : [];
    const invalid = userIds.filter((u) => core.invalidUsers.has(u));
    const limited = userIds.filter((u) => core.flowControlledUsers.has(u));
    const delivered = userIds.filter((u) => !invalid.includes(u) && !limited.includes(u));
    const processQueryKey = randomUUID();
    core.sent.push({ api, at: core.now(), robotCode: app.robotCode, userIds: delivered, msgKey: b.msgKey, msgParam, processQueryKey });
    sendJson(res, 200, { processQueryKey, invalidStaffIdList: invalid, flowControlledStaffIdList: limited });
    return 200;
  }
  if (api === "robot.ding") {
    const userIds = Array.isArray(b.receiverUserIdList) ? b.receiverUserIdList.map(String) : [];
    const failed = userIds.filter((u) => core.invalidUsers.has(u));
    core.sent.push({
      api,
      at: core.now(),
      robotCode: app.robotCode,
      userIds: userIds.filter((u) => !failed.includes(u)),
      content: String(b.content ?? ""),
      remindType: Number(b.remindType),
    });
    sendJson(res, 200, { openDingId: randomUUID(), failedList: failed.length ? { "miss.staffId": failed } : {} });
    return 200;
  }
  const corpId = decodeURIComponent(req.path.split("/").pop() ?? "");
  if (corpId !== app.corpId || !req.query.get("unionId")) {
    v1Error(res, 400, "invalidParameter", "corpId 或 unionId 无效");
    return 400;
  }
  sendJson(res, 200, { org: { corpId, partitions: core.storagePartitions } });
  return 200;
}
