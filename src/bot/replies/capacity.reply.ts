/**
 * "视频会议最多能开多大的会": the limit the contract sets (people, duration or concurrency), the entitlement's other
 * figures, and the annex row they come from; 「合同未载明」 when the row sets no such figure. Pure.
 */
import { formatAmount, type Lang } from "../../domain/display-labels.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import { annexRow, shownName, supporting } from "./contract-facts.js";
import { cite, reply, t } from "./format.js";

/** What a capacity question is about. */
export type CapacitySubject = "video" | "live" | "phone" | "contacts" | "devices" | "docs" | "accounts";
/** Which figure of it: how many people, how long, how many at once. */
export type CapacityFacet = "people" | "duration" | "concurrency";

const SUBJECT: Record<CapacitySubject, { code: string; zh: string; en: string; metrics: Partial<Record<CapacityFacet, string>>; all: string[] }> = {
  video: {
    code: "video_conference", zh: "视频会议", en: "video meetings",
    metrics: { people: "video_conference.participants", duration: "video_conference.hours", concurrency: "video_conference.concurrent_meetings" },
    all: ["video_conference.participants", "video_conference.concurrent_meetings", "video_conference.hours"],
  },
  live: {
    code: "live_streaming", zh: "直播", en: "live streams",
    metrics: { people: "live_streaming.participants", concurrency: "live_streaming.rooms" }, all: ["live_streaming.participants", "live_streaming.rooms"],
  },
  phone: { code: "phone_conference", zh: "电话会议", en: "phone conferences", metrics: {}, all: [] },
  contacts: { code: "contacts", zh: "通讯录", en: "the directory", metrics: { people: "contacts.members" }, all: ["contacts.members"] },
  devices: {
    code: "multi_device_login", zh: "多端登录", en: "multi-device sign-in", metrics: { people: "login.devices", concurrency: "login.devices" }, all: ["login.devices"],
  },
  docs: { code: "docs_pro", zh: "文档在线编辑", en: "document editing", metrics: { people: "docs.editors" }, all: ["docs.editors"] },
  accounts: {
    code: "enterprise_accounts", zh: "企业账号", en: "enterprise accounts",
    metrics: { people: "enterprise_accounts.accounts", concurrency: "enterprise_accounts.accounts" }, all: ["enterprise_accounts.accounts"],
  },
};

/** How each figure is said: [zh, en] with {n}. */
const PHRASES: Record<string, [string, string]> = {
  "video_conference.participants": ["单场最多 {n} 方参会", "up to {n} participants per meeting"],
  "video_conference.concurrent_meetings": ["最多同时开 {n} 场", "up to {n} meetings at the same time"],
  "video_conference.hours": ["单场最长 {n} 小时", "up to {n} hours per meeting"],
  "live_streaming.participants": ["单场最多 {n} 方观看", "up to {n} viewers per stream"],
  "live_streaming.rooms": ["共 {n} 个直播间", "{n} live-stream rooms"],
  "contacts.members": ["通讯录最多 {n} 人", "up to {n} directory members"],
  "login.devices": ["同时最多 {n} 台设备登录", "up to {n} devices signed in at once"],
  "docs.editors": ["文档在线编辑人数上限 {n} 人", "up to {n} people editing a document online"],
  "enterprise_accounts.accounts": ["最多 {n} 个企业账号", "up to {n} enterprise accounts"],
};

const FACET_WORDS: Record<CapacityFacet, [string, string]> = { people: ["人数上限", "limit on people"], duration: ["时长上限", "time limit"], concurrency: ["同时数量上限", "limit on how many at once"] };

function phrase(metric: string, limit: number, unit: string, lang: Lang): string {
  const p = PHRASES[metric];
  const n = formatAmount(limit, unit);
  return p ? p[lang === "en" ? 1 : 0].replace("{n}", n) : `${metric} ${n}`;
}

function beyondLine(o: ContractOverview, lang: Lang): string {
  const beyond = supporting(o, "beyond_cap", 1);
  if (beyond.length) return t(lang, `需要更高规格时，按合同需另行选购相应规格服务${cite(beyond, lang)}。`, `For more, the contract says to buy a larger specification separately${cite(beyond, lang)}.`);
  return t(lang, "需要更高规格时，可联系钉钉或签约方另行选购（以钉钉的报价为准）。", "For more, ask DingTalk or the vendor about a larger specification (at DingTalk's prices).");
}

/** The answer to a capacity question about `subject` (`facet` null: all its figures). */
export function capacityReply(o: ContractOverview, subject: CapacitySubject, facet: CapacityFacet | null, lang: Lang): BotReply {
  const s = SUBJECT[subject];
  const ent = o.graph.entitlements.find((e) => e.code === s.code);
  const title = t(lang, `${s.zh}规格`, `Limits of ${s.en}`);
  if (!ent) return reply(title, [t(lang, `合同附件的产品表里没有「${s.zh}」这项权益，合同未载明它的规格。`, `The contract's annex lists no ${s.en} entitlement, so it states no limit for them.`)]);
  const name = shownName(ent.code, ent.name, lang);
  const row = annexRow(o, ent.code, lang);
  const source = row ? t(lang, `依据：${row}`, `Per ${row}`) : null;
  const quotas = new Map(o.quotas.filter((q) => q.entitlementCode === s.code).map((q) => [q.metric, q]));
  const asked = facet ? s.metrics[facet] : undefined;
  const main = asked ? quotas.get(asked) : undefined;
  const others = s.all.filter((m) => m !== asked && quotas.has(m)).map((m) => phrase(m, quotas.get(m)!.term.limit, quotas.get(m)!.term.unit, lang));
  const sep = t(lang, "，", ", ");
  if (main) {
    return reply(title, [
      t(lang, `**${name}：${phrase(main.metric, main.term.limit, main.term.unit, lang)}**`, `**${name}: ${phrase(main.metric, main.term.limit, main.term.unit, lang)}**`),
      others.length ? t(lang, `另外：${others.join(sep)}。`, `Also: ${others.join(sep)}.`) : null,
      source,
      beyondLine(o, lang),
    ]);
  }
  if (facet) {
    const unlimited = facet === "duration" && /不限时/.test(ent.spec ?? "");
    const stated = s.all.filter((m) => quotas.has(m)).map((m) => phrase(m, quotas.get(m)!.term.limit, quotas.get(m)!.term.unit, lang));
    return reply(title, [
      unlimited
        ? t(lang, `**${name}：合同写明「不限时」**`, `**${name}: the contract says there is no time limit**`)
        : t(lang, `**合同未载明${s.zh}的${FACET_WORDS[facet][0]}。**`, `**The contract states no ${FACET_WORDS[facet][1]} for ${s.en}.**`),
      stated.length ? t(lang, `合同写明的是：${stated.join(sep)}。`, `What it does state: ${stated.join(sep)}.`) : null,
      source,
    ]);
  }
  const all = s.all.filter((m) => quotas.has(m)).map((m) => phrase(m, quotas.get(m)!.term.limit, quotas.get(m)!.term.unit, lang));
  return reply(title, [
    all.length
      ? t(lang, `**${name}：${all.join(sep)}**`, `**${name}: ${all.join(sep)}**`)
      : t(lang, `**合同未载明${s.zh}的数量上限。**`, `**The contract states no limit for ${s.en}.**`),
    source,
    all.length ? beyondLine(o, lang) : null,
  ]);
}
