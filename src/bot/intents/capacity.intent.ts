import type { Intent } from "../bot-context.js";
import { capacityReply, type CapacityFacet, type CapacitySubject } from "../replies/capacity.reply.js";
import { loadOverview } from "./intent-kit.js";

/** What a capacity question is about, and which figure it asks for (null: all of the subject's figures). */
export interface CapacityParams {
  subject: CapacitySubject;
  facet: CapacityFacet | null;
}

const SUBJECTS: readonly [CapacitySubject, RegExp][] = [
  ["phone", /电话会议?|phone/],
  ["live", /直播|live ?stream/],
  ["video", /视频会议?|视频通话|开会|会议(?!室)|一场会|几个会|几场会|多大的会|meetings?|video/],
  ["contacts", /通讯录|组织.{0,4}人数|directory/],
  ["devices", /多端|登录设备|设备.{0,4}登录|同时登录|几台(设备|手机|电脑)|devices?/],
  ["docs", /文档.{0,10}(编辑|协作)|协同编辑|co-?edit/],
  ["accounts", /企业(账|帐)号|enterprise accounts?/],
];

/** Words asking for a limit ("最多", "多大", "能开多久", "how many people"). */
const ASKS_LIMIT = /最多|最大|最长|多大|多长|多久|上限|多少人|几个?人|多少方|几方|几场|几个会|几个直播间|几台|同时|并发|时长|几个?小时|多少小时|能开|容纳|支持多少|规模|限制|max(imum)?|how (many|big|large|long)|capacity|at once|limit/;
/** Remaining / usage questions belong to the quota intent. */
const ASKS_USAGE = /剩|还有|用了|用量|已用|快满|用完|不够|怎么办|left|remaining|used/;

const FACETS: readonly [CapacityFacet, RegExp][] = [
  ["people", /多少人|几个?人|多少方|几方|人数|方数|参会|观看|人看|多大的会|多大|规模|participants?|people|viewers?|attendees?|how (big|large)/],
  ["duration", /多久|多长时间|时长|最长|几个?小时|多少小时|how long|hours?|duration/],
  ["concurrency", /几场|几个会|同时|并发|直播间|concurrent|at once|at the same time|how many (meetings|rooms|streams)/],
];

/** Parses a capacity question: which entitlement, and which of its figures (people, duration, concurrency). */
export function parseCapacityQuestion(text: string): CapacityParams | null {
  if (!ASKS_LIMIT.test(text) || ASKS_USAGE.test(text)) return null;
  const subject = SUBJECTS.find(([, re]) => re.test(text))?.[0];
  if (!subject) return null;
  const facet = FACETS.find(([, re]) => re.test(text))?.[0] ?? null;
  return { subject, facet };
}

/** 「视频会议最多能开多大的会」「直播最多多少人看」「视频会议一场能开多久」: the contract's figure, with its annex row. */
export const capacityIntent: Intent<CapacityParams> = {
  name: "capacity",
  examples: {
    zh: ["视频会议最多能开多大的会", "直播最多多少人看", "通讯录最多多少人"],
    en: ["how many people can join a video meeting", "how long can a meeting last", "how many viewers can a live stream have"],
  },
  match: parseCapacityQuestion,
  async handle(ctx, p) {
    await ctx.reply(capacityReply(await loadOverview(ctx), p.subject, p.facet, ctx.lang));
  },
};
