import type { ServerResponse } from "node:http";
import type { FakeApp, FakeCore, ScriptedFailure } from "./fake-core.js";
import { requestId, sendJson, type FakeRequest } from "./fake-http.js";

const ROUTES: Record<string, string> = {
  "GET /gettoken": "oapi.gettoken",
  "POST /topapi/v2/user/get": "oapi.user.get",
  "POST /topapi/v2/user/getuserinfo": "oapi.user.getuserinfo",
  "POST /topapi/user/listadmin": "oapi.user.listadmin",
  "POST /topapi/user/count": "oapi.user.count",
  "POST /robot/sendBySession": "session.reply",
};

/** Maps a legacy request to its API name, or null when it is not a legacy route. */
export function oapiName(req: FakeRequest): string | null {
  return ROUTES[`${req.method} ${req.path}`] ?? null;
}

/** Legacy envelope: HTTP 200 with errcode (0 = ok). */
function envelope(res: ServerResponse, errcode: number, errmsg: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, 200, { errcode, errmsg, request_id: requestId(), ...extra });
}

function failLegacy(res: ServerResponse, f: Exclude<ScriptedFailure, "hang">): "throttled" | "invalid_token" | "quota" | "scripted" {
  if (f === "throttle") return envelope(res, 90018, "当前企业正在调用的此API已超过限流阈值"), "throttled";
  if (f === "invalid_token") return envelope(res, 40014, "不合法的access_token"), "invalid_token";
  if (f === "quota") return envelope(res, 90020, "企业API调用量超过限额, 调用量:10001次,额度:10000次"), "quota";
  if (f === "server_error") return envelope(res, -1, "系统繁忙"), "scripted";
  sendJson(res, f.status, f.body);
  return "scripted";
}

/** Handles a legacy oapi request (oapi.dingtalk.com), including the session-webhook receiver. */
export function handleOapi(core: FakeCore, api: string, req: FakeRequest, res: ServerResponse): void {
  const done = (outcome: Parameters<FakeCore["record"]>[0]["outcome"], clientId?: string) =>
    core.record({ api, method: req.method, path: req.path, status: res.statusCode, outcome, clientId });

  if (api === "session.reply") return done(sessionReply(core, req, res));

  const scripted = core.takeScript(api);
  if (scripted === "hang") return core.record({ api, method: req.method, path: req.path, status: 0, outcome: "scripted" });
  if (scripted) return done(failLegacy(res, scripted));

  if (api === "oapi.gettoken") {
    const app = core.authenticate(req.query.get("appkey"), req.query.get("appsecret"));
    if (!app) return envelope(res, 40089, "不合法的corpid或corpsecret"), done("error");
    const t = core.issueToken(app, api);
    envelope(res, 0, "ok", { access_token: t.token, expires_in: t.expiresInSec });
    return done("ok", app.clientId);
  }

  const app = core.tokenOwner(req.query.get("access_token"));
  if (!app) return envelope(res, 40014, "不合法的access_token"), done("invalid_token");
  if (core.overQps(app.clientId, api)) return envelope(res, 90018, "当前企业正在调用的此API已超过限流阈值"), done("throttled", app.clientId);
  const ok = serve(core, app, api, req, res);
  done(ok ? "ok" : "error", app.clientId);
}

function serve(core: FakeCore, _app: FakeApp, api: string, req: FakeRequest, res: ServerResponse): boolean {
  if (api === "oapi.user.get") {
    const u = core.users.get(String(req.body.userid ?? ""));
    if (!u) return envelope(res, 60121, "找不到该用户"), false;
    envelope(res, 0, "ok", {
      result: {
        userid: u.userid,
        unionid: u.unionid,
        name: u.name,
        title: u.title ?? "",
        active: u.active ?? true,
        admin: u.sysLevel === 1 || u.sysLevel === 2,
        boss: u.sysLevel === 100,
        dept_id_list: u.deptIds ?? [1],
      },
    });
    return true;
  }
  if (api === "oapi.user.getuserinfo") {
    const code = String(req.body.code ?? "");
    const entry = core.authCodes.get(code);
    core.authCodes.delete(code);
    const u = entry && entry.expiresAt > core.now() ? core.users.get(entry.userid) : undefined;
    if (!u) return envelope(res, 40078, "不存在的临时授权码"), false;
    envelope(res, 0, "ok", {
      result: {
        userid: u.userid,
        name: u.name,
        unionid: u.unionid,
        associated_unionid: "",
        device_id: "fake-device",
        sys: u.sysLevel === 1 || u.sysLevel === 2,
        sys_level: u.sysLevel,
      },
    });
    return true;
  }
  if (api === "oapi.user.listadmin") {
    const admins = [...core.users.values()].filter((u) => u.sysLevel === 1 || u.sysLevel === 2);
    envelope(res, 0, "ok", { result: admins.map((u) => ({ userid: u.userid, sys_level: u.sysLevel })) });
    return true;
  }
  const onlyActive = req.body.only_active === true || req.body.only_active === "true";
  const count = [...core.users.values()].filter((u) => !onlyActive || (u.active ?? true)).length;
  envelope(res, 0, "ok", { result: { count } });
  return true;
}

function sessionReply(core: FakeCore, req: FakeRequest, res: ServerResponse): "ok" | "error" {
  const session = req.query.get("session") ?? "";
  const s = core.sessions.get(session);
  if (!s || s.expiresAt <= core.now()) {
    envelope(res, 400013, "session不存在或已过期");
    return "error";
  }
  const msgtype = req.body.msgtype;
  if (typeof msgtype !== "string" || !(msgtype in req.body)) {
    envelope(res, 40035, "缺少参数 msgtype 或消息体");
    return "error";
  }
  core.replies.push({ session, conversationId: s.conversationId, inReplyTo: s.msgId, at: core.now(), body: req.body });
  envelope(res, 0, "ok");
  return "ok";
}
