import { DingTalkTodoClient } from "./todo-client.js";
import type { Clock } from "../lib/clock.js";
import type { Timers } from "../lib/timers.js";
import { AccessTokenCache } from "./access-token.js";
import { CallPolicy, type DingTalkAlert, type Meter } from "./call-policy.js";
import { DingTalkOapiClient } from "./oapi-client.js";
import { DingTalkOpenApiClient } from "./openapi-client.js";

/** What {@link createDingTalkClients} needs (mirrors `Config.dingtalk` plus `settings.dingtalk`). */
export interface DingTalkClientsOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  corpId?: string | null;
  apiBase: string;
  oapiBase: string;
  clock: Clock;
  qps?: number;
  qpsPerApi?: Record<string, number>;
  timeoutMs?: number;
  meter?: Meter;
  onAlert?: (alert: DingTalkAlert) => void;
  timers?: Timers;
  random?: () => number;
  backoffBaseMs?: number;
  fetch?: typeof fetch;
}

/** The wired DingTalk API clients sharing one token cache and one call policy. */
export interface DingTalkClients {
  tokens: AccessTokenCache;
  policy: CallPolicy;
  openApi: DingTalkOpenApiClient;
  oapi: DingTalkOapiClient;
  /** Work to-dos (待办), idempotent by sourceId. */
  todo: DingTalkTodoClient;
}

/** Wires token cache → call policy → v1.0 and legacy clients (one app). The v1.0 token is used for both families. */
export function createDingTalkClients(o: DingTalkClientsOptions): DingTalkClients {
  let openApi: DingTalkOpenApiClient | undefined;
  const tokens = new AccessTokenCache({ clock: o.clock, fetchToken: (creds) => openApi!.fetchAccessToken(creds) });
  const policy = new CallPolicy({
    credentials: { clientId: o.clientId, clientSecret: o.clientSecret },
    tokens,
    clock: o.clock,
    timers: o.timers,
    random: o.random,
    meter: o.meter,
    onAlert: o.onAlert,
    qps: o.qps,
    qpsPerApi: o.qpsPerApi,
    timeoutMs: o.timeoutMs,
    backoffBaseMs: o.backoffBaseMs,
  });
  openApi = new DingTalkOpenApiClient({ apiBase: o.apiBase, robotCode: o.robotCode, corpId: o.corpId, policy, timeoutMs: o.timeoutMs });
  const oapi = new DingTalkOapiClient({ oapiBase: o.oapiBase, policy, fetch: o.fetch });
  const todo = new DingTalkTodoClient({ apiBase: o.apiBase, policy, timeoutMs: o.timeoutMs });
  return { tokens, policy, openApi, oapi, todo };
}
