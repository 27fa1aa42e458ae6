/**
 * The entitlement catalog of spec/contract-json.md as data: which annex rows exist (产品名称 and the aliases
 * contracts use), their category, and the metrics whose limits the contract text sets. Pure data + matchers.
 */
import type { EntitlementCategory, QuotaPeriod, QuotaUnit } from "./model.js";
import { QUANTITY_NUMBER_SOURCE, toHalfWidth } from "./chinese-quantity.js";

/** One metric an entitlement carries, with how to find its limit in the annex cells. */
export interface CatalogMetric {
  metric: string;
  /** Short Chinese label for people ("DING 条数"). */
  label: string;
  unit: QuotaUnit;
  period: QuotaPeriod;
  /** The limit of the standard Professional Edition package (for display when a contract is silent). */
  defaultLimit: number;
  /** Matches the compact cell text; group `n` is the number, optional group `u` a data-size unit (TB/GB). */
  pattern: RegExp;
  /** Where the limit may be written: only the 产品规格 cell, or also the 产品内容 (description) cell. */
  source: "spec" | "any";
  /** "各N次" means N for each kind of data the row names (per-kind-allowance.ts), not N in all. */
  perKind?: boolean;
}

/** One row kind of the annex table. */
export interface CatalogEntry {
  code: string;
  /** 产品名称 as the standard contracts write it. */
  name: string;
  /** The entitlement's name in English (no CJK), for `lang=en`. */
  nameEn: string;
  /** One English line on what it is (from the standard 产品内容), for `lang=en`. */
  aboutEn: string;
  /** Other names contracts use for the same row. */
  aliases: readonly string[];
  category: EntitlementCategory;
  metrics: readonly CatalogMetric[];
}

const N = `(?<n>${QUANTITY_NUMBER_SOURCE})`;
const DATA = "(?<u>TB|T|GB|G)";

function p(source: string): RegExp {
  return new RegExp(source.replaceAll("{N}", N).replaceAll("{DATA}", DATA), "iu");
}

function m(
  metric: string, label: string, unit: QuotaUnit, period: QuotaPeriod, defaultLimit: number, pattern: string,
  source: "spec" | "any" = "spec", perKind = false,
): CatalogMetric {
  return { metric, label, unit, period, defaultLimit, pattern: p(pattern), source, ...(perKind ? { perKind } : {}) };
}

/** Every row kind the steward knows, in the order of the standard annex. */
export const ENTITLEMENT_CATALOG: readonly CatalogEntry[] = [
  {
    code: "custom_workbench", name: "自定义工作台-专业版",
    nameEn: "Custom workbench (Pro)", aboutEn: "Workbench layouts built from DingTalk's standard components",
    aliases: ["自定义工作台专业版", "自定义工作台"], category: "feature", metrics: [],
  },
  {
    code: "chat_history_extension", name: "聊天内容云端保存时效延长",
    nameEn: "Longer cloud chat history", aboutEn: "Keeps the organisation's chat history in the cloud for longer",
    aliases: ["聊天记录云端保存时效延长", "聊天内容云端保存", "聊天记录云端保存"], category: "feature", metrics: [],
  },
  {
    code: "secure_groups", name: "保密群",
    nameEn: "Confidential groups", aboutEn: "Protects group files and messages: watermarks, no forwarding, no screenshots on mobile",
    aliases: [], category: "feature", metrics: [],
  },
  {
    code: "attendance_pro", name: "考勤专业版",
    nameEn: "Attendance Pro", aboutEn: "Clock-in with custom report fields, viewer roles, contents and periods",
    aliases: ["考勤专家模式"], category: "feature", metrics: [],
  },
  {
    code: "oa_approval_pro", name: "OA审批专业版",
    nameEn: "OA Approval Pro", aboutEn: "Mobile one-stop approvals with smart diagnosis and system integration",
    aliases: ["审批专业版"], category: "feature", metrics: [],
  },
  {
    code: "video_conference", name: "视频会议专业版",
    nameEn: "Video conferencing Pro", aboutEn: "HD DingTalk video meetings",
    aliases: ["视频会议"], category: "feature",
    metrics: [
      m("video_conference.concurrent_meetings", "视频会议并发场数", "meeting", "none", 5, "{N}(?:个|场)(?=\\d+方|[^/]{0,8}会议)"),
      m("video_conference.participants", "单场参会方数", "person", "none", 100, "{N}(?:方|人)(?![^/]{0,3}直播)"),
      m("video_conference.hours", "单场会议时长", "hour", "none", 24, "{N}小时"),
    ],
  },
  {
    code: "live_streaming", name: "直播", nameEn: "Live streaming", aboutEn: "DingTalk group live streams", aliases: ["群直播"], category: "feature",
    metrics: [
      m("live_streaming.rooms", "直播间数", "room", "none", 3, "{N}(?:个|间)(?=\\d+方|[^/]{0,10}直播)"),
      m("live_streaming.participants", "单场观看方数", "person", "none", 500, "{N}(?:方|人)"),
    ],
  },
  {
    code: "storage", name: "数字资产管理",
    nameEn: "Digital asset management (storage)", aboutEn: "Storage for DingTalk Drive, live replays, video meetings and notes, split as you choose",
    aliases: ["云盘空间", "钉钉云盘空间"], category: "feature",
    metrics: [m("storage.capacity_gb", "存储容量", "gb", "none", 1024, "{N}{DATA}(?![a-z])")],
  },
  {
    code: "drive_audit_log", name: "钉钉云盘操作日志查询",
    nameEn: "Drive operation log", aboutEn: "Filter and view who did what to internal files, and when",
    aliases: ["云盘操作日志查询"], category: "feature", metrics: [],
  },
  {
    code: "executive_protection", name: "高管保护",
    nameEn: "Executive protection", aboutEn: "Lets executives turn app push notifications on or off",
    aliases: [], category: "feature", metrics: [],
  },
  {
    code: "data_recovery", name: "数据恢复",
    nameEn: "Data recovery", aboutEn: "Recovers data deleted by mistake; the annex row names which kinds",
    aliases: [], category: "feature",
    metrics: [m("data_recovery.uses", "数据恢复次数", "use", "term", 1, "各?{N}次", "spec", true)],
  },
  {
    code: "docs_pro", name: "文档类权益",
    nameEn: "Document benefits", aboutEn: "App tables, public knowledge bases and higher limits for documents",
    aliases: ["文档权益", "文档专业版"], category: "feature",
    metrics: [
      m("docs.editors", "文档在线编辑人数", "person", "none", 50, "编辑人数(?:限|上限|为)?{N}人", "any"),
      m("docs.file_insert_gb", "文档插入本地文件上限", "gb", "none", 1, "插入本地文件(?:限|上限|为)?{N}{DATA}", "any"),
      m("docs.kb_upload_gb", "知识库上传文件上限", "gb", "none", 20, "知识库上传文件(?:限|上限|为)?{N}{DATA}", "any"),
    ],
  },
  {
    code: "app_dev", name: "企业内部应用开发权益",
    nameEn: "Internal app development", aboutEn: "More OpenAPI calls, API concurrency and connector flow runs for internal apps",
    aliases: ["应用开发权益", "内部应用开发权益"], category: "feature",
    metrics: [
      m("api.qps", "API 并发", "qps", "none", 40, "{N}qps"),
      m("api.calls", "API 调用次数", "call", "month", 500000, "(?:API|接口)调用(?:量|次数)?(?:为)?{N}次"),
      m("connector.flows", "连接流执行次数", "flow", "month", 300000, "连接流(?:执行量|执行)?(?:为)?{N}次"),
      m("api.high_value_apis", "高价值 API 数", "api", "none", 8, "{N}个高价值API"),
      m("ding.in_app", "应用内 DING 次数", "message", "term", 1000, "DING消息{N}(?:次|条)"),
    ],
  },
  {
    code: "digital_insights", name: "数字洞察",
    nameEn: "Digital insights", aboutEn: "A data insight centre: attendance, approval and HR analysis",
    aliases: [], category: "feature", metrics: [],
  },
  {
    code: "multi_device_login", name: "多端登录",
    nameEn: "Multi-device sign-in", aboutEn: "One DingTalk account signed in on several devices at once",
    aliases: [], category: "feature",
    metrics: [m("login.devices", "同时登录设备数", "device", "none", 5, "(?:上限|最多|不超过)?{N}(?:个|台)")],
  },
  {
    code: "hr_onboarding", name: "人事直通车",
    nameEn: "HR onboarding express", aboutEn: "Onboarding maps for new hires, combined with cool apps",
    aliases: ["入职直通车"], category: "feature",
    metrics: [m("hr_onboarding.maps", "新人地图数", "map", "term", 20, "{N}(?:个|张)")],
  },
  {
    code: "smart_finance", name: "智能财务",
    nameEn: "Smart finance", aboutEn: "Integrated tools for business, invoices, finance and tax",
    aliases: [], category: "feature", metrics: [],
  },
  {
    code: "enterprise_accounts", name: "企业账号",
    nameEn: "Enterprise accounts", aboutEn: "Accounts the organisation creates and hands out to staff",
    aliases: ["企业帐号"], category: "feature",
    metrics: [m("enterprise_accounts.accounts", "企业账号数", "account", "none", 2000, "{N}(?:个)?(?:账号|帐号)?")],
  },
  {
    code: "contacts", name: "通讯录", nameEn: "Directory", aboutEn: "The directory's member limit", aliases: ["通讯录人数"], category: "feature",
    metrics: [m("contacts.members", "通讯录人数上限", "person", "none", 2000, "(?:上限|最多)?(?:为)?{N}人", "any")],
  },
  {
    code: "online_service", name: "在线服务",
    nameEn: "Online support", aboutEn: "An online help channel with product guidance (third-party services not included)",
    aliases: ["尊享服务"], category: "service", metrics: [],
  },
  {
    code: "verified_badge", name: "身份标识",
    nameEn: "Verified badge", aboutEn: "A verified (V) mark in the directory and in chats",
    aliases: [], category: "service", metrics: [],
  },
  {
    code: "ding", name: "DING",
    nameEn: "DING", aboutEn: "Urgent DING messages, delivered as SMS or phone calls",
    aliases: ["DING消息", "钉消息"], category: "benefit",
    metrics: [m("ding.messages", "DING 条数", "message", "year", 1000, "{N}条")],
  },
  {
    code: "phone_conference", name: "电话会议",
    nameEn: "Phone conferencing", aboutEn: "DingTalk multi-party phone conferences",
    aliases: [], category: "benefit",
    metrics: [m("phone_conference.minutes", "电话会议分钟数", "minute", "year", 5000, "{N}分钟")],
  },
];

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]/;

/**
 * Normalizes one character of a product name for matching: half-width, lower case, whitespace, dashes and
 * separators dropped. Returns "" for a dropped character (the mapping is per character, so positions can be kept).
 */
export function normalizeNameChar(c: string): string {
  const h = toHalfWidth(c);
  if (/\s/.test(h) || DASHES.test(h) || /[·•*_'"“”‘’]/.test(h) || c === "\u200b" || c === "\ufeff") return "";
  return h.toLowerCase();
}

/** Normalizes a 产品名称 cell for matching ("OA 审批专业版" and "ＯＡ审批专业版" → "oa审批专业版"). */
export function normalizeProductName(s: string): string {
  let out = "";
  for (const c of s) out += normalizeNameChar(c);
  return out;
}

/** Every name and alias of the catalog, normalized, longest first (for scanning flattened tables). */
export const CATALOG_NAME_KEYS: readonly { key: string; entry: CatalogEntry }[] = ENTITLEMENT_CATALOG.flatMap((entry) =>
  [entry.name, ...entry.aliases].map((n) => ({ key: normalizeProductName(n), entry })),
).sort((a, b) => b.key.length - a.key.length);

/** The catalog entry with this code, or undefined. */
export function findCatalogEntry(code: string): CatalogEntry | undefined {
  return ENTITLEMENT_CATALOG.find((e) => e.code === code);
}

/**
 * Matches a 产品名称 cell to a catalog entry, tolerant of spaces, dashes and full/half-width characters.
 * An exact (normalized) name or alias wins; otherwise the longest name the cell starts with, if it covers most
 * of the cell ("视频会议专业版（高清）"). Returns null for a row the catalog lacks.
 */
export function matchCatalogEntry(cell: string): CatalogEntry | null {
  const key = normalizeProductName(cell);
  if (key === "") return null;
  const exact = CATALOG_NAME_KEYS.find((k) => k.key === key);
  if (exact) return exact.entry;
  const prefix = CATALOG_NAME_KEYS.find((k) => key.startsWith(k.key) && k.key.length >= 2 && k.key.length / key.length >= 0.6);
  return prefix ? prefix.entry : null;
}
