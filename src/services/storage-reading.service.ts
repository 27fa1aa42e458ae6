import type { DingTalkClients } from "../dingtalk/dingtalk-clients.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { getContractOverview } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

const METRIC = "storage.capacity_gb";
const GB = 1024 ** 3;
const DAY_MS = 86_400_000;
/** After a failed or impossible reading, the next attempt waits this long (a sweep runs every 20 minutes). */
const RETRY_MS = 6 * 3_600_000;
/** Per database: when the last attempt failed, and the unionid of each operator (it never changes). */
const state = new WeakMap<object, { failedAt: number | null; unionIds: Map<string, string> }>();

/**
 * Reads how much drive space the org uses from DingTalk (storage org quota, as one admin) and records it as a
 * `reading` of `storage.capacity_gb` with source "api", at most once a day. Needs DINGTALK_CORP_ID, an admin to act
 * as (the first of STEWARD_ADMIN_USERIDS, else DingTalk's first admin) and a contract with a storage quota; otherwise,
 * or when DingTalk fails, it records nothing and says why in the log (admins can still enter readings themselves), and
 * tries again 6 hours later at the earliest, so a wrong admin id does not cost a call at every sweep.
 */
export async function refreshStorageReading(deps: ServiceDeps, clients: Pick<DingTalkClients, "oapi" | "openApi">): Promise<number | null> {
  if (!deps.config.dingtalk?.corpId) return null;
  const overview = await getContractOverview(deps, {});
  const quota = overview?.quotas.find((q) => q.metric === METRIC);
  if (!overview || !quota) return null;
  const now = deps.clock.now();
  const last = quota.usage.asOf;
  if (quota.usage.source === "api" && last && now.getTime() - last.getTime() < DAY_MS) return null;
  const st = state.get(deps.ds) ?? { failedAt: null, unionIds: new Map<string, string>() };
  state.set(deps.ds, st);
  if (st.failedAt !== null && now.getTime() - st.failedAt < RETRY_MS) return null;
  st.failedAt = now.getTime();
  try {
    const operator = deps.config.admins.userIds[0] ?? (await clients.oapi.listAdmins())[0]?.userid;
    if (!operator) {
      deps.log.warn("storage reading skipped: no admin to read the org storage as (set STEWARD_ADMIN_USERIDS)");
      return null;
    }
    const unionid = st.unionIds.get(operator) ?? (await clients.oapi.getUser(operator)).unionid;
    if (!unionid) return null;
    st.unionIds.set(operator, unionid);
    const partitions = await clients.openApi.getOrgStorageQuota(unionid);
    const usedBytes = partitions.reduce((sum, p) => sum + (p.usedBytes ?? 0), 0);
    const usedGb = Math.round((usedBytes / GB) * 10) / 10;
    await new UsageRepository(deps.ds).append({
      contractId: overview.graph.contract.id, metric: METRIC, kind: "reading", amount: usedGb, occurredAt: now, source: "api",
      recordedBy: "steward", note: null, createdAt: now,
    });
    st.failedAt = null;
    return usedGb;
  } catch (err) {
    deps.log.warn({ err: (err as Error).message }, "storage reading from DingTalk failed; tries again in 6 hours");
    return null;
  }
}
