/** Display names of quota metrics (zh/en), from the entitlement catalog plus short names people use in chat. */
import { ENTITLEMENT_CATALOG } from "../../domain/entitlement-catalog.js";
import type { Lang } from "../text-normalize.js";

/** Short names for chat replies; the catalog's label is the fallback for Chinese. */
const SHORT: Record<string, [string, string]> = {
  "ding.messages": ["DING", "DING messages"],
  "ding.in_app": ["应用内 DING", "In-app DING"],
  "phone_conference.minutes": ["电话会议", "Phone conference"],
  "storage.capacity_gb": ["云盘空间（数字资产管理）", "Drive storage"],
  "data_recovery.uses": ["数据恢复", "Data recovery"],
  "api.calls": ["API 调用", "API calls"],
  "api.qps": ["API 并发", "API QPS"],
  "connector.flows": ["连接流执行", "Connector flow runs"],
  "api.high_value_apis": ["高价值 API", "High-value APIs"],
  "video_conference.concurrent_meetings": ["视频会议并发场数", "Concurrent video meetings"],
  "video_conference.participants": ["视频会议单场参会方数", "Participants per video meeting"],
  "video_conference.hours": ["视频会议单场时长", "Video meeting length"],
  "live_streaming.rooms": ["直播间数", "Live-stream rooms"],
  "live_streaming.participants": ["直播单场观看方数", "Viewers per live stream"],
  "docs.editors": ["文档在线编辑人数", "Document co-editors"],
  "docs.file_insert_gb": ["文档插入本地文件上限", "File size inserted in documents"],
  "docs.kb_upload_gb": ["知识库上传文件上限", "Knowledge-base upload size"],
  "login.devices": ["同时登录设备数", "Devices signed in at once"],
  "hr_onboarding.maps": ["新人地图", "Onboarding maps"],
  "enterprise_accounts.accounts": ["企业账号数", "Enterprise accounts"],
  "contacts.members": ["通讯录人数上限", "Directory members"],
};

const CATALOG_LABELS = new Map(ENTITLEMENT_CATALOG.flatMap((e) => e.metrics.map((m) => [m.metric, m.label] as const)));

/** The name of a metric in replies ("电话会议" / "Phone conference"); unknown metrics show their id. */
export function metricLabel(metric: string, lang: Lang): string {
  const s = SHORT[metric];
  if (s) return lang === "en" ? s[1] : s[0];
  return (lang === "zh" ? CATALOG_LABELS.get(metric) : undefined) ?? metric;
}

/** Every metric with a known label (for tests and help texts). */
export const LABELLED_METRICS: readonly string[] = [...new Set([...Object.keys(SHORT), ...CATALOG_LABELS.keys()])];
