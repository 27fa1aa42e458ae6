import { z } from "zod";
import { AppError } from "../lib/app-error.js";
import type { AppCredentials, IssuedToken } from "./access-token.js";
import type { ApiSpec, CallPolicy } from "./call-policy.js";
import { DingTalkApiError } from "./dingtalk-errors.js";
import { callHeaders, createOpenApiSdk, fromSdkError, runtimeOptions, sdk, type OpenApiSdkClients } from "./openapi-sdk.js";
import { encodeMsgParam, type RobotMsg } from "./robot-messages.js";

/** Outcome of a 1:1 robot send; DingTalk reports per-user failures with HTTP 200. */
export interface BatchSendResult {
  processQueryKeys: string[];
  invalidUserIds: string[];
  flowControlledUserIds: string[];
}

/** Outcome of a DING; `failed` maps DingTalk's reason to the user ids it applies to. */
export interface DingResult {
  openDingIds: string[];
  failed: Record<string, string[]>;
}

/** One storage partition of the org (bytes). */
export interface StoragePartition {
  partitionType: string;
  quotaType: string | null;
  maxBytes: number | null;
  usedBytes: number | null;
  reservedBytes: number | null;
}

/** Who has read a 1:1 robot message (DingTalk answers within 24 h of the send, for at most 20 recipients). */
export interface ReadStatus {
  sendStatus: string | null;
  read: string[];
  unread: string[];
}

/** DING reminder channel: 1 in-app, 2 SMS, 3 phone call (2 and 3 need a purchased add-on). */
export type RemindType = 1 | 2 | 3;

/** Options for {@link DingTalkOpenApiClient}. */
export interface DingTalkOpenApiClientOptions {
  /** `DINGTALK_API_BASE`, e.g. https://api.dingtalk.com. */
  apiBase: string;
  /** Internal-app robot code (equals the AppKey for an app robot). */
  robotCode: string;
  /** `DINGTALK_CORP_ID`; needed by the storage API only. */
  corpId?: string | null;
  policy: CallPolicy;
  /** Per-attempt timeout handed to the SDK (default 10 s). */
  timeoutMs?: number;
  /** Prebuilt SDK clients (tests); built from `apiBase` otherwise. */
  sdkClients?: OpenApiSdkClients;
}

const BATCH_USERS = 20;
const api = (name: string, metered: boolean, idempotent: boolean, auth = true): ApiSpec => ({ name, metered, idempotent, auth });
const APIS = {
  token: {
    ...api("oauth2.accessToken", false, true, false),
    mapError: (e: DingTalkApiError) =>
      /invalidClientIdOrSecret/i.test(e.code)
        ? new AppError("invalid_config", "DingTalk rejected DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET; copy them again from the app's credentials page.")
        : undefined,
  } satisfies ApiSpec,
  batchSend: api("robot.batchSend", true, false),
  groupSend: api("robot.groupSend", true, false),
  ding: api("robot.ding", true, false),
  storageOrg: api("storage.org", true, true),
  readStatus: {
    ...api("robot.readStatus", true, true),
    mapError: (e: DingTalkApiError) =>
      e.status === 400 && /processQueryKey/i.test(`${e.code} ${e.remoteMessage}`)
        ? new AppError("not_found", "DingTalk keeps the read status of a 1:1 message for 24 hours only; this one is older or unknown.", { dingtalkCode: e.code })
        : undefined,
  } satisfies ApiSpec,
};

const BatchSendBody = z.object({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).nullish(),
  flowControlledStaffIdList: z.array(z.string()).nullish(),
});
const GroupSendBody = z.object({ processQueryKey: z.string().optional() });
const DingBody = z.object({
  openDingId: z.string().optional(),
  failedList: z.record(z.string(), z.array(z.string())).nullish(),
});
const ReadStatusBody = z.object({
  sendStatus: z.string().nullish(),
  messageReadInfoList: z.array(z.object({ userId: z.string(), readStatus: z.string().nullish(), readTimestamp: z.number().nullish() })).nullish(),
});
const TokenBody = z.object({ accessToken: z.string().min(1), expireIn: z.number() });
const StorageBody = z.object({
  org: z
    .object({
      partitions: z
        .array(
          z.object({
            partitionType: z.string().nullish(),
            quota: z
              .object({ max: z.number().nullish(), used: z.number().nullish(), reserved: z.number().nullish(), type: z.string().nullish() })
              .nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

/**
 * DingTalk v1.0 OpenAPI (api.dingtalk.com) through `@alicloud/dingtalk`: robot 1:1 and group messages, robot DING,
 * org storage quota, and the app access token. Every call goes through the shared CallPolicy (rate limit, retries,
 * token refresh, quota stop, self-metering).
 */
export class DingTalkOpenApiClient {
  private readonly clients: OpenApiSdkClients;
  private readonly timeoutMs: number;

  constructor(private readonly opts: DingTalkOpenApiClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.clients = opts.sdkClients ?? createOpenApiSdk(opts.apiBase, this.timeoutMs);
  }

  /** Fetches an app access token (`POST /v1.0/oauth2/accessToken`); use as the AccessTokenCache fetcher. */
  fetchAccessToken = (creds: AppCredentials): Promise<IssuedToken> =>
    this.opts.policy.run(APIS.token, async () => {
      const req = new (sdk().oauth.GetAccessTokenRequest)({ appKey: creds.clientId, appSecret: creds.clientSecret });
      const res = await this.call(() => this.clients.oauth.getAccessTokenWithOptions(req, callHeaders(), runtimeOptions(this.timeoutMs)));
      const body = this.parse(TokenBody, res.body, APIS.token.name);
      return { accessToken: body.accessToken, expiresInSec: body.expireIn };
    });

  /** Robot 1:1 message to users (batches of 20). Partial failures are returned, not thrown. */
  async sendToUsers(userIds: string[], msg: RobotMsg): Promise<BatchSendResult> {
    const ids = [...new Set(userIds)].filter(Boolean);
    if (ids.length === 0) throw new AppError("invalid_input", "sendToUsers needs at least one DingTalk userId.");
    const msgParam = encodeMsgParam(msg);
    const out: BatchSendResult = { processQueryKeys: [], invalidUserIds: [], flowControlledUserIds: [] };
    for (let i = 0; i < ids.length; i += BATCH_USERS) {
      const chunk = ids.slice(i, i + BATCH_USERS);
      const body = await this.withProgress(out, () =>
        this.opts.policy.run(APIS.batchSend, async ({ token }) => {
          const req = new (sdk().robot.BatchSendOTORequest)({ robotCode: this.opts.robotCode, userIds: chunk, msgKey: msg.msgKey, msgParam });
          const headers = new (sdk().robot.BatchSendOTOHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
          const res = await this.call(() => this.clients.robot.batchSendOTOWithOptions(req, headers, runtimeOptions(this.timeoutMs)));
          return this.parse(BatchSendBody, res.body, APIS.batchSend.name);
        }),
      );
      if (body.processQueryKey) out.processQueryKeys.push(body.processQueryKey);
      out.invalidUserIds.push(...(body.invalidStaffIdList ?? []));
      out.flowControlledUserIds.push(...(body.flowControlledStaffIdList ?? []));
    }
    return out;
  }

  /** Robot message to a group the robot is in (`openConversationId` = the group's conversationId). */
  async sendToGroup(openConversationId: string, msg: RobotMsg): Promise<{ processQueryKey: string | null }> {
    if (!openConversationId) throw new AppError("invalid_input", "sendToGroup needs the group's openConversationId.");
    const msgParam = encodeMsgParam(msg);
    const body = await this.opts.policy.run(APIS.groupSend, async ({ token }) => {
      const req = new (sdk().robot.OrgGroupSendRequest)({ robotCode: this.opts.robotCode, openConversationId, msgKey: msg.msgKey, msgParam });
      const headers = new (sdk().robot.OrgGroupSendHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
      const res = await this.call(() => this.clients.robot.orgGroupSendWithOptions(req, headers, runtimeOptions(this.timeoutMs)));
      return this.parse(GroupSendBody, res.body, APIS.groupSend.name);
    });
    return { processQueryKey: body.processQueryKey ?? null };
  }

  /** Robot DING (Pro/Exclusive editions only). At most 200 in-app or 20 SMS/phone receivers per call; larger lists are split. */
  async sendDing(userIds: string[], text: string, remindType: RemindType): Promise<DingResult> {
    const ids = [...new Set(userIds)].filter(Boolean);
    if (ids.length === 0) throw new AppError("invalid_input", "sendDing needs at least one DingTalk userId.");
    if (![1, 2, 3].includes(remindType)) throw new AppError("invalid_input", "remindType must be 1 (in-app), 2 (SMS) or 3 (phone).");
    const per = remindType === 1 ? 200 : 20;
    const out: DingResult = { openDingIds: [], failed: {} };
    for (let i = 0; i < ids.length; i += per) {
      const chunk = ids.slice(i, i + per);
      const body = await this.opts.policy.run(APIS.ding, async ({ token }) => {
        const req = new (sdk().robot.RobotSendDingRequest)({ robotCode: this.opts.robotCode, remindType, receiverUserIdList: chunk, content: text });
        const headers = new (sdk().robot.RobotSendDingHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
        const res = await this.call(() => this.clients.robot.robotSendDingWithOptions(req, headers, runtimeOptions(this.timeoutMs)));
        return this.parse(DingBody, res.body, APIS.ding.name);
      });
      if (body.openDingId) out.openDingIds.push(body.openDingId);
      for (const [reason, list] of Object.entries(body.failedList ?? {})) (out.failed[reason] ??= []).push(...list);
    }
    return out;
  }

  /** Read status of a 1:1 send (`GET /v1.0/robot/oToMessages/readStatus`); past 24 h DingTalk refuses: not_found. */
  async getReadStatus(processQueryKey: string): Promise<ReadStatus> {
    if (!processQueryKey) throw new AppError("invalid_input", "getReadStatus needs the processQueryKey of a 1:1 send.");
    const body = await this.opts.policy.run(APIS.readStatus, async ({ token }) => {
      const req = new (sdk().robot.BatchOTOQueryRequest)({ robotCode: this.opts.robotCode, processQueryKey });
      const headers = new (sdk().robot.BatchOTOQueryHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
      const res = await this.call(() => this.clients.robot.batchOTOQueryWithOptions(req, headers, runtimeOptions(this.timeoutMs)));
      return this.parse(ReadStatusBody, res.body, APIS.readStatus.name);
    });
    const list = body.messageReadInfoList ?? [];
    return {
      sendStatus: body.sendStatus ?? null,
      read: list.filter((x) => x.readStatus === "READ").map((x) => x.userId),
      unread: list.filter((x) => x.readStatus !== "READ").map((x) => x.userId),
    };
  }

  /** Org cloud-storage quota (`GET /v1.0/storage/orgs/{corpId}?unionId=`); `operatorUnionId` is any org member's unionId. */
  async getOrgStorageQuota(operatorUnionId: string): Promise<StoragePartition[]> {
    const corpId = this.opts.corpId;
    if (!corpId) throw new AppError("invalid_config", "Set DINGTALK_CORP_ID to read the org storage quota.");
    if (!operatorUnionId) throw new AppError("invalid_input", "getOrgStorageQuota needs an operator unionId.");
    const body = await this.opts.policy.run(APIS.storageOrg, async ({ token }) => {
      const req = new (sdk().storage.GetOrgRequest)({ unionId: operatorUnionId });
      const headers = new (sdk().storage.GetOrgHeaders)({ xAcsDingtalkAccessToken: token, commonHeaders: callHeaders() });
      const res = await this.call(() => this.clients.storage.getOrgWithOptions(corpId, req, headers, runtimeOptions(this.timeoutMs)));
      return this.parse(StorageBody, res.body, APIS.storageOrg.name);
    });
    return (body.org?.partitions ?? []).map((p) => ({
      partitionType: p.partitionType ?? "UNKNOWN",
      quotaType: p.quota?.type ?? null,
      maxBytes: p.quota?.max ?? null,
      usedBytes: p.quota?.used ?? null,
      reservedBytes: p.quota?.reserved ?? null,
    }));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw fromSdkError(e);
    }
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, apiName: string): z.infer<S> {
    const r = schema.safeParse(body ?? {});
    if (!r.success) throw new DingTalkApiError("v1", 200, "UnexpectedResponse", `${apiName} answered an unexpected body`);
    return r.data;
  }

  private async withProgress<T>(progress: BatchSendResult, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AppError && progress.processQueryKeys.length > 0) {
        throw new AppError(e.code, `${e.message} (earlier batches were sent: ${progress.processQueryKeys.length})`, {
          ...e.details,
          partial: { ...progress },
        });
      }
      throw e;
    }
  }
}
