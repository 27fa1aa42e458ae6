/** Recognises which quota metric a message talks about ("电话会议", "云盘", "API调用", "DING"). Pure. */

/** Metric → words people use for it; more specific entries first (the first hit wins). */
const METRIC_WORDS: readonly [string, RegExp][] = [
  ["ding.in_app", /应用内\s?ding|in-?app\s?ding/],
  ["ding.messages", /(?<![a-z])dings?(?![a-z])|钉消息|叮消息/],
  ["video_conference.concurrent_meetings", /视频会议.{0,4}并发|并发.{0,4}会议|concurrent (video )?meetings?/],
  ["video_conference.participants", /视频会议.{0,6}(参会|人数|方数|多少人|几个?人|多少方)|meeting participants/],
  ["video_conference.hours", /视频会议.{0,4}时长/],
  ["phone_conference.minutes", /电话会议|电话会|电话|phone|conference call|call minutes|audio conference/],
  ["live_streaming.participants", /直播.{0,8}(观看|人数|方数|多少人|几个?人|人看|多少方)|live ?stream viewers?|viewers/],
  ["live_streaming.rooms", /直播|live ?stream/],
  ["storage.capacity_gb", /云盘|网盘|存储|空间|数字资产|storage|drive|disk/],
  ["data_recovery.uses", /数据恢复|恢复数据|data recovery|recovery|restore/],
  ["api.high_value_apis", /高价值/],
  ["connector.flows", /连接流|连接器|connector|flow runs?/],
  ["api.qps", /qps|并发/],
  ["api.calls", /(?<![a-z])apis?(?![a-z])|接口|调用/],
  ["hr_onboarding.maps", /新人地图|人事直通车|入职直通车|onboarding/],
  ["login.devices", /多端登录|登录设备|同时登录|devices?/],
  ["enterprise_accounts.accounts", /企业(账|帐)号|enterprise accounts?/],
  ["contacts.members", /通讯录|directory|members/],
  ["docs.editors", /文档.{0,4}编辑|编辑人数|co-?editors?/],
  ["docs.kb_upload_gb", /知识库/],
];

/** The metric a (normalized) text mentions, or null. */
export function findMetric(text: string): string | null {
  for (const [metric, re] of METRIC_WORDS) if (re.test(text)) return metric;
  return null;
}

/** The metric a unit implies when the text names none ("30 条" → DING, "90 分钟" → phone conference). */
export function metricForUnit(unit: string | null): string | null {
  if (!unit) return null;
  if (/^(条|messages?)$/.test(unit)) return "ding.messages";
  if (/^(分钟|小时|min|mins|minutes?|h|hours?)$/.test(unit)) return "phone_conference.minutes";
  if (/^(gb|g|tb|t)$/.test(unit)) return "storage.capacity_gb";
  return null;
}
