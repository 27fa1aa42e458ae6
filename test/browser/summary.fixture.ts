/**
 * A synthetic Summary (invented parties, no real contract data) for the browser tests and the page bench:
 * "today" is 2024-04-05, the term 2023-05-06 → 2024-05-05 has 30 days left, the invoice is 28 days late.
 */
import type { EntitlementView, QuotaView, Summary, Viewer } from "../../mini-app/src/api-types.js";

const YEAR = { start: "2023-05-06", end: "2024-05-05" };

function quota(q: Partial<QuotaView> & Pick<QuotaView, "metric" | "unit" | "period" | "limit">): QuotaView {
  const used = q.used ?? null;
  const remaining = used === null ? null : q.limit - used;
  return {
    used,
    remaining,
    percent: used === null ? null : Math.round((used / q.limit) * 1000) / 10,
    overLimit: used !== null && used > q.limit,
    window: null,
    asOf: null,
    source: null,
    forecast: null,
    ...q,
  };
}

function entitlements(): EntitlementView[] {
  return [
    {
      code: "phone_conference", name: "电话会议", category: "benefit", description: "企业电话会议时长，每服务年重置，未用完不可顺延。",
      quotas: [quota({
        metric: "phone_conference.minutes", unit: "minute", period: "year", limit: 5000, used: 1240, window: YEAR,
        asOf: "2024-03-31T01:00:00.000Z", source: "manual", forecast: { exhaustsOn: null, unusedAtWindowEnd: 3300 },
      })],
    },
    {
      code: "ding", name: "DING", category: "benefit", description: "基于钉钉的强提醒消息，可通过应用内、短信、电话送达。",
      quotas: [quota({
        metric: "ding.messages", unit: "message", period: "year", limit: 1000, used: 860, window: YEAR,
        asOf: "2024-04-04T12:30:00.000Z", source: "bot", forecast: { exhaustsOn: "2024-04-28", unusedAtWindowEnd: 0 },
      })],
    },
    {
      code: "storage", name: "数字资产管理", category: "feature", description: "企业云盘空间，到期未续费时超出免费额度的数据可能被清除。",
      spec: "1 TB 企业云盘",
      quotas: [quota({
        metric: "storage.capacity_gb", unit: "gb", period: "none", limit: 1024, used: 812, recordAs: "reading",
        asOf: "2024-04-05T01:10:00.000Z", source: "api", forecast: { exhaustsOn: "2024-06-20", unusedAtWindowEnd: null },
      })],
    },
    {
      code: "data_recovery", name: "数据恢复", category: "service", description: "误删数据恢复服务，服务期内各 1 次。",
      quotas: [quota({
        metric: "data_recovery.uses", unit: "use", period: "term", limit: 1, used: 1, window: YEAR,
        asOf: "2023-11-12T06:00:00.000Z", source: "manual",
      })],
    },
    {
      code: "video_conference", name: "视频会议专业版", category: "feature", description: "高清视频会议，支持多人同时在线。",
      quotas: [
        quota({ metric: "video_conference.concurrent_meetings", unit: "meeting", period: "none", limit: 5, recordAs: null }),
        quota({ metric: "video_conference.participants", unit: "person", period: "none", limit: 100, recordAs: null }),
      ],
    },
    { code: "custom_workbench", name: "自定义工作台-专业版", category: "feature", description: "按部门配置工作台。", quotas: [] },
    { code: "secure_groups", name: "保密群", category: "feature", description: "防截屏、防转发的群聊。", quotas: [] },
    { code: "attendance_pro", name: "考勤专业版", category: "feature", description: "复杂排班与考勤统计。", quotas: [] },
    { code: "online_service", name: "在线服务", category: "service", description: "工作日 9:00–18:00 在线客服。", quotas: [] },
  ];
}

/** The demo/admin viewer of the fixture. */
export const FIXTURE_ADMIN: Viewer = { userId: "manager001", name: "王管理", isAdmin: true };

/** A fresh, mutable copy of the fixture summary (contract null when `withContract` is false). */
export function fixtureSummary(opts: { demo: boolean; viewer?: Viewer; withContract?: boolean }): Summary {
  const withContract = opts.withContract ?? true;
  return {
    demo: opts.demo,
    viewer: opts.viewer ?? FIXTURE_ADMIN,
    org: { corpId: "dingexamplecorp", name: "示例科技（杭州）有限公司" },
    generatedAt: "2024-04-05T02:00:00.000Z",
    contract: withContract
      ? {
          id: 1, title: "钉钉专业版软件服务合同", product: "钉钉专业版", customer: "示例科技（杭州）有限公司",
          vendors: ["杭州示例数字服务有限公司"], amountFen: 980000, amountWords: "玖仟捌佰元整", amountWordsOk: true,
          startsOn: "2023-05-06", endsOn: "2024-05-05", termMonths: 12, daysLeft: 30, progress: 335 / 366, status: "active",
          payment: { deadline: "2023-06-05", status: "met", paidOn: "2023-05-20", daysOverdue: 0 },
          invoice: { deadline: "2024-03-08", status: "overdue", invoicedOn: null, daysOverdue: 28, penaltyFen: 54880, ratePerDay: 0.002 },
        }
      : null,
    entitlements: withContract ? entitlements() : [],
    keyDates: withContract
      ? [
          { date: "2024-03-08", kind: "invoice", severity: "warning", label: "发票开具截止（付款后 5 个工作日）" },
          { date: "2024-04-05", kind: "renewal_reminder", severity: "warning", label: "到期前 30 天续费提醒" },
          { date: "2024-05-02", kind: "renewal_reminder", severity: "critical", label: "到期前 3 天续费提醒" },
          { date: "2024-05-05", kind: "expiry", severity: "critical", label: "专业版服务到期" },
          { date: "2024-06-04", kind: "data_deletion", severity: "critical", label: "云盘超出免费空间的数据可能被清除" },
          { date: "2024-11-01", kind: "chat_history", severity: "info", label: "聊天记录回落至近 180 天" },
        ]
      : [],
    consequences: withContract
      ? [
          {
            date: "2024-05-05", title: "聊天记录保存期限回落", text: "到期不续费，聊天记录只保留近 180 天。",
            clauses: [{ part: "annex", ref: "2.3", text: "服务期满未续费的，聊天内容云端保存时效恢复为标准版时效（近 180 天）。" }],
          },
          {
            date: "2024-06-04", title: "云盘数据可能被清除", text: "超出免费空间的数据可能被清除且不可恢复，请提前导出。",
            clauses: [
              { part: "annex", ref: "2.4", text: "服务期满未续费且超出免费空间的，服务方有权在通知后清除超出部分的数据，清除后不可恢复。" },
              { part: "body", ref: "3.1.5", text: "各项权益额度按服务年度计算，当年未使用部分不予顺延。" },
            ],
          },
        ]
      : [],
    reminders: {
      upcoming: withContract
        ? [
            {
              contractId: 1, kind: "renewal_t30", dueKey: "2024-05-05:t30", date: "2024-04-05", time: "09:30", channel: "robot",
              severity: "warning", title: "钉钉专业版 30 天后到期", snoozedUntil: null, acknowledged: false,
            },
            {
              contractId: 1, kind: "invoice_overdue", dueKey: "2024-03-08:invoice", date: "2024-04-08", time: "09:30", channel: "group",
              severity: "critical", title: "发票已逾期 28 天", snoozedUntil: null, acknowledged: false,
            },
          ]
        : [],
      log: withContract
        ? [
            { at: "2024-03-09T01:30:00.000Z", kind: "invoice_overdue", channel: "robot", recipient: "王管理", status: "sent", error: null },
            { at: "2024-03-16T01:30:00.000Z", kind: "invoice_overdue", channel: "group", recipient: "管理员群", status: "failed", error: "robot not in group" },
          ]
        : [],
    },
    renewals: withContract ? [{ id: 7, startsOn: "2022-05-06", endsOn: "2023-05-05", status: "renewed", amountFen: 980000 }] : [],
  };
}
