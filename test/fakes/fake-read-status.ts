import type { ServerResponse } from "node:http";
import type { FakeApp, FakeCore } from "./fake-core.js";
import { requestId, sendJson, type FakeRequest } from "./fake-http.js";

const WINDOW_MS = 24 * 3_600_000;
const reads = new WeakMap<FakeCore, Map<string, number>>();

/** Marks that `userId` read the 1:1 message sent with `processQueryKey` (at the fake's now). */
export function markRead(core: FakeCore, processQueryKey: string, userId: string): void {
  let m = reads.get(core);
  if (!m) reads.set(core, (m = new Map()));
  m.set(`${processQueryKey}|${userId}`, core.now());
}

/** `GET /v1.0/robot/oToMessages/readStatus`: per recipient READ/UNREAD, only within 24 h of the send (as DingTalk). */
export function serveReadStatus(core: FakeCore, app: FakeApp, req: FakeRequest, res: ServerResponse): number {
  const key = req.query.get("processQueryKey") ?? "";
  if (req.query.get("robotCode") !== app.robotCode) {
    sendJson(res, 400, { code: "invalidParameter.robotCode.auth", message: "robotCode 无效或无权限", requestid: requestId() });
    return 400;
  }
  const sent = core.sent.find((s) => s.processQueryKey === key);
  if (!sent || core.now() - sent.at > WINDOW_MS) {
    sendJson(res, 400, { code: "invalidParameter.processQueryKey.invalid", message: "processQueryKey 无效或已超过 24 小时", requestid: requestId() });
    return 400;
  }
  const m = reads.get(core) ?? new Map<string, number>();
  sendJson(res, 200, {
    sendStatus: "SUCCESS",
    messageReadInfoList: sent.userIds.map((userId) => {
      const at = m.get(`${key}|${userId}`);
      return { userId, name: `用户${userId}`, readStatus: at === undefined ? "UNREAD" : "READ", readTimestamp: at ?? 0 };
    }),
  });
  return 200;
}
