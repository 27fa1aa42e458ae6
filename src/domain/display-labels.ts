/**
 * How metrics, units and money are written for people, in Chinese or English. One table for the bot, the reminders
 * and the page, so a quota has the same name everywhere.
 */
import { daysBetween } from "./business-calendar.js";
import { ENTITLEMENT_CATALOG } from "./entitlement-catalog.js";
import type { QuotaUnit, UsageSource } from "./model.js";

/** Display language. */
export type Lang = "zh" | "en";

/** Short names people use; the catalog's label is the fallback for Chinese. */
const METRICS: Record<string, [string, string]> = {
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

/** The name of a metric ("电话会议" / "Phone conference"); unknown metrics show `fallback`, else their id. */
export function metricLabel(metric: string, lang: Lang, fallback?: string | null): string {
  const s = METRICS[metric];
  if (s) return lang === "en" ? s[1] : s[0];
  return (lang === "zh" ? CATALOG_LABELS.get(metric) : undefined) ?? fallback ?? metric;
}

/** Every metric with a known label. */
export const LABELLED_METRICS: readonly string[] = [...new Set([...Object.keys(METRICS), ...CATALOG_LABELS.keys()])];

/** Chinese, English singular, English plural. */
const UNITS: Record<QuotaUnit, [string, string, string]> = {
  message: ["条", "message", "messages"], minute: ["分钟", "min", "min"], meeting: ["场", "meeting", "meetings"], person: ["人", "person", "people"],
  hour: ["小时", "h", "h"], room: ["间", "room", "rooms"], gb: ["GB", "GB", "GB"], use: ["次", "use", "uses"], qps: ["QPS", "QPS", "QPS"],
  call: ["次", "call", "calls"], flow: ["次", "run", "runs"], api: ["个", "API", "APIs"], device: ["台", "device", "devices"], map: ["张", "map", "maps"],
  account: ["个", "account", "accounts"],
};

/** The unit as people write it ("分钟" / "min"); English plural unless `count` is 1; unknown units as given. */
export function unitLabel(unit: QuotaUnit | string, lang: Lang, count?: number): string {
  const u = UNITS[unit as QuotaUnit];
  if (!u) return unit;
  return lang === "en" ? (count === 1 ? u[1] : u[2]) : u[0];
}

/** Units that are measured, not counted: only these may show fractions (GB, hours). */
const FRACTIONAL_UNITS: ReadonlySet<string> = new Set(["gb", "hour"]);

/** True when amounts of `unit` are whole numbers (messages, minutes, calls, uses, seats …). */
export function isWholeUnit(unit: QuotaUnit | string): boolean {
  return !FRACTIONAL_UNITS.has(unit);
}

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/**
 * An amount of `unit` for people: whole units as whole numbers ("1,106"), measured ones to one decimal ("812.5").
 * `round` says which way a computed figure may err: "down" for what is left (never promise more than there is),
 * "up" for what is used or will be; "nearest" for recorded figures.
 */
export function formatAmount(n: number, unit: QuotaUnit | string, round: "down" | "up" | "nearest" = "nearest"): string {
  if (!isWholeUnit(unit)) return GROUPED.format(n);
  const eps = 1e-9; // 2.0000000001 used is 2, not 3
  const whole = round === "down" ? Math.floor(n + eps) : round === "up" ? Math.ceil(n - eps) : Math.round(n);
  return GROUPED.format(whole === 0 ? 0 : whole);
}

/** An amount with its unit: "1,106 条", "1 use", "2 uses", "812.5 GB". */
export function formatQuantity(n: number, unit: QuotaUnit | string, lang: Lang, round: "down" | "up" | "nearest" = "nearest"): string {
  const text = formatAmount(n, unit, round);
  return `${text} ${unitLabel(unit, lang, text === "1" ? 1 : undefined)}`;
}

/**
 * Where a usage figure came from. `self` is the steward's own metering (every DingTalk call it makes is counted), so
 * it is "measured by the steward", never "self-reported".
 */
const SOURCES: Record<UsageSource, [string, string]> = {
  manual: ["管理员录入", "entered by an admin"], bot: ["机器人录入", "entered via the bot"], api: ["钉钉接口", "DingTalk API"],
  self: ["管家自动计量", "measured by the steward"], import: ["导入", "imported"],
};

/** Where a usage figure came from, in words ("管家自动计量" / "measured by the steward"); unknown sources as given. */
export function sourceLabel(source: UsageSource | string, lang: Lang): string {
  const s = SOURCES[source as UsageSource];
  return s ? (lang === "en" ? s[1] : s[0]) : source;
}

/** Readings older than this many days are flagged as old ("以下为 N 天前的记录"). */
export const STALE_READING_DAYS = 30;

/** Age in days of a figure as of `today` when it is older than a month (STALE_READING_DAYS), else null. */
export function staleDays(asOfDate: string | null, today: string): number | null {
  if (!asOfDate) return null;
  const days = daysBetween(asOfDate, today);
  return days > STALE_READING_DAYS ? days : null;
}

/** "以下为 N 天前的记录" / "The figures below are from N days ago" for an old reading. */
export function staleNote(days: number, lang: Lang): string {
  return lang === "en" ? `The figures below are from ${days} day${days === 1 ? "" : "s"} ago; record a new reading for an up-to-date answer.` : `以下为 ${days} 天前的记录，录入新用量可得到最新结果。`;
}

/** Integer fen as yuan, exactly: 980000 → "¥9,800.00", -5 → "-¥0.05". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, "0")}`;
}
