/**
 * The wording of reminders (Chinese, as admins read them in DingTalk): one title and a few lines per notice, a digest
 * of notices as robot markdown or an action card, split to DingTalk's size limit, and the short text of a DING.
 */
import { robotMsg, MAX_MSG_PARAM_BYTES, type RobotMsg } from "../dingtalk/robot-messages.js";
import { formatAmount, formatQuantity, formatYuan, metricLabel, unitLabel } from "../domain/display-labels.js";
import type { NoticeFacts, NoticeKind } from "../domain/reminder-model.js";
import { perKindText, type PerKindAllowance } from "../domain/per-kind-allowance.js";
import { actionLinksLine, actionsForKinds } from "../domain/action-phrases.js";

/** A notice as the presenter needs it. */
export interface NoticeLike {
  kind: NoticeKind | string;
  facts: NoticeFacts;
}

/** Title and body lines of one notice. */
export interface RenderedNotice {
  title: string;
  lines: string[];
}

const FIELDS: Record<string, string> = { startsOn: "服务开始日期", termMonths: "服务期限", signedOn: "签订日期", endsOn: "结束日期" };
const ANCHORS: Record<string, string> = { signing: "签订", payment: "付款", request: "申请开票", start: "服务开始" };
const DEADLINE_UNITS: Record<string, string> = { day: "天", working_day: "个工作日", month: "个月" };


const num = (n: unknown) => (typeof n === "number" ? n.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "?");
/** A space after Latin text before CJK ("DING 剩", "电话会议剩"). */
const spaced = (label: string) => (/[A-Za-z0-9]$/.test(label) ? `${label} ` : label);
/** An amount with its unit, whole for counted units (formatQuantity); "?" when unknown. */
const qty = (n: unknown, u: unknown, round: "down" | "up" | "nearest" = "nearest") => (typeof n === "number" ? formatQuantity(n, String(u ?? ""), "zh", round) : `? ${unitLabel(String(u ?? ""), "zh")}`);
const amount = (n: unknown, u: unknown, round: "down" | "up" | "nearest" = "nearest") => (typeof n === "number" ? formatAmount(n, String(u ?? ""), round) : "?");
/** ¥ amount from fen, e.g. 980000 → ¥9,800.00. */
export const yuan = (fen: unknown) => (typeof fen === "number" ? formatYuan(fen) : "?");

type Item = {
  metric?: string; label: string; remaining?: number; limit?: number; unit?: string; used?: number | null; asOf?: string | null;
  perKind?: PerKindAllowance | null;
};

/** What is left of an allowance: "剩 640 条", or for a "各N次" one "组织架构、成员信息各 1 次，已用 1 次" (never "1 / 1 次"). */
function left(i: Item): string {
  if (!i.perKind) return `剩 ${qty(i.remaining, i.unit, "down")}`;
  return `${perKindText(i.perKind, "zh")}${i.used ? `，已用 ${qty(i.used, i.unit, "up")}` : ""}`;
}

type Backing = { basis: "contract" | "policy"; refs: string[]; noCarryOver: boolean; irrecoverable: boolean; exceptions?: string[] };
type Backings = { lapse?: Backing; chat?: Backing; drive?: Backing };

/** "（条款 3.1.3，除…外）" for a backed claim (with the exceptions it states), "（合同未载明…）" for one from DingTalk's policy, "" when the clauses were not read. */
function basisNote(b: Backing | undefined, policy: string): string {
  if (!b) return "";
  if (b.basis === "policy") return `（${policy}）`;
  return `（条款 ${b.refs.join("、")}${(b.exceptions ?? []).map((e) => `，${e}`).join("")}）`;
}

/** The lapse claim as far as the contract makes it: "到期后不再有效、不可顺延（条款 3.1.3）", else says it does not say. */
function lapseClaim(b: Backing | undefined): string {
  if (!b) return "到期前请用完";
  if (b.basis === "policy") return "合同未载明到期后是否作废";
  return `到期后不再有效${b.noCarryOver ? "、不可顺延" : ""}${basisNote(b, "")}`;
}

function renewal(f: NoticeFacts): RenderedNotice {
  const d = f.daysLeft as number;
  const title = d > 0 ? `钉钉专业版 ${d} 天后到期（${f.endsOn}）` : d === 0 ? `钉钉专业版今天到期（${f.endsOn}）` : `钉钉专业版已到期 ${-d} 天（${f.endsOn}），尚未续费`;
  const lines: string[] = [];
  const backing = (f.backing as Backings | undefined) ?? {};
  const lapsing = (f.lapsing as Item[] | undefined) ?? [];
  const items = lapsing.map((i) => (i.perKind ? `${i.label}（${left(i)}）` : `${spaced(i.label)}${left(i)}`)).join("、");
  if (lapsing.length) lines.push(`${backing.lapse?.basis === "contract" ? "作废提醒" : "未用额度"}：${items}，${lapseClaim(backing.lapse)}`);
  const policy = "合同未载明，依据钉钉公布的数据政策";
  const risk = typeof f.atRiskGb === "number" && f.atRiskGb > 0 ? `；云盘超出免费空间的 ${num(f.atRiskGb)} GB 可能被清除${basisNote(backing.drive, policy)}` : "";
  lines.push(`数据：到期不续费，聊天记录回落至近 ${f.chatHistoryDays} 天${basisNote(backing.chat, policy)}${risk}`);
  if (d < 0) lines.push(`宽限期至 ${f.graceEndsOn}，之后仅按合同保留数据`);
  lines.push(f.softened ? "已标记为「续费中」；续费完成后回复「已续费」即停止提醒" : "续费后回复「已续费」（或在小程序中导入续费合同）即停止提醒；回复「7天后提醒」可推迟");
  return { title, lines };
}

function deletion(f: NoticeFacts): RenderedNotice {
  const d = f.daysLeft as number;
  const title = d > 0 ? `${d} 天后（${f.lossOn}）起数据受影响：聊天记录回落、云盘超额数据可能被清除` : `今天（${f.lossOn}）起数据受影响：聊天记录回落、云盘超额数据可能被清除`;
  const chat = f.chat as { fallbackOn: string; earliestVisibleOn: string; days: number };
  const drive = f.drive as { riskOn: string; usedGb: number | null; freeGb: number; atRiskGb: number | null };
  const loaded = f.clauses as { part: string; ref: string; text: string }[] | null | undefined;
  const clauses = loaded ?? [];
  // "不可恢复" only when a cited clause says so (or the clauses were not loaded, as in bulk previews)
  const gone = !Array.isArray(loaded) || clauses.some((c) => /不可恢复|无法恢复/.test(c.text)) ? "且不可恢复" : "";
  const lines = [`聊天记录：${chat.fallbackOn} 起仅保留近 ${chat.days} 天，${chat.earliestVisibleOn} 之前的消息将不可见`];
  lines.push(drive.usedGb === null
    ? `云盘：超出免费 ${num(drive.freeGb)} GB 的数据自 ${drive.riskOn} 起可能被清除${gone}（当前用量未知，请在小程序录入）`
    : `云盘：已用 ${num(drive.usedGb)} GB，超出免费 ${num(drive.freeGb)} GB 的 ${num(drive.atRiskGb)} GB 自 ${drive.riskOn} 起可能被清除${gone}`);
  for (const c of clauses.slice(0, 2)) lines.push(`依据：${c.part === "annex" ? "附件" : "正文"} ${c.ref}「${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}」`);
  if (Array.isArray(loaded) && clauses.length === 0) lines.push("依据：合同未载明；按钉钉公布的数据政策（管家设置 dataRetention）");
  return { title, lines };
}

function lapse(f: NoticeFacts): RenderedNotice {
  const items = f.items as Item[];
  const b = (f.backing as Backings | undefined)?.lapse;
  const verb = b && b.basis === "contract" ? "作废" : "到期";
  return {
    title: `${spaced(items.map((i) => i.label).join("、"))}将于 ${f.lapsesOn} 后${verb}（还剩 ${f.daysLeft} 天）`,
    lines: [...items.map((i) => (i.perKind ? `${i.label}：${left(i)}` : `${i.label}：${left(i)}（共 ${amount(i.limit, i.unit)}）`)), `未用完的额度${lapseClaim(b)}`],
  };
}

function threshold(f: NoticeFacts): RenderedNotice {
  const w = f.window as { start: string; end: string } | null;
  const lines = [`已用 ${amount(f.used, f.unit, "up")} / ${qty(f.limit, f.unit)}${w ? `（${w.start} 至 ${w.end}）` : ""}`];
  if (f.overLimit) lines.push("已超出额度，超出部分可能无法使用或另行计费");
  return { title: `${metricLabel(String(f.metric), "zh", f.label as string)}已用 ${num(f.percent)}%（达到 ${f.level}% 提醒线）`, lines };
}

function penaltyLine(f: NoticeFacts, who: string): string[] {
  if (typeof f.penaltyFen !== "number" || typeof f.ratePerDay !== "number" || (f.daysLate as number) <= 0) return [];
  return [`按合同每日 ${num((f.ratePerDay as number) * 100)}% 计，违约金已累计 ${yuan(f.penaltyFen)}${who}`];
}

function payment(f: NoticeFacts): RenderedNotice {
  const late = f.daysLate as number;
  const title = late > 0 ? `付款已逾期 ${late} 天（应于 ${f.dueOn} 前付款）` : `付款截止 ${f.dueOn}（还剩 ${f.daysLeft} 天）`;
  const lines = [`合同金额 ${yuan(f.amountFen)}`, ...penaltyLine(f, ""), "付款后请在小程序中登记付款日期，提醒即停止"];
  return { title, lines };
}

function invoice(f: NoticeFacts): RenderedNotice {
  const late = f.daysLate as number;
  const term = f.term as { value: number; unit: string } | null;
  const title = late > 0 ? `发票已逾期 ${late} 天未开具（应于 ${f.dueOn} 前）` : `发票开具截止 ${f.dueOn}（还剩 ${f.daysLeft} 天）`;
  const lines = [term ? `合同约定：${ANCHORS[String(f.anchor)] ?? f.anchor}（${f.anchorOn}）后 ${term.value} ${DEADLINE_UNITS[term.unit] ?? term.unit}内开具发票` : `应于 ${f.dueOn} 前开具发票`];
  lines.push(...penaltyLine(f, "，可向供应商主张"));
  if (f.approximate) lines.push("（该年份暂无法定节假日数据，按周一至周五估算工作日）");
  lines.push("收到发票后请在小程序中登记，提醒即停止");
  return { title, lines };
}

function reading(f: NoticeFacts): RenderedNotice {
  const items = f.items as (Item & { metric: string })[];
  const lines = items.map((i) => (i.asOf ? `${i.label}：上次记录已用 ${qty(i.used, i.unit, "up")}（${i.asOf.slice(0, 10)}）` : `${i.label}：尚无记录`));
  lines.push("钉钉未提供这些用量的接口，请在小程序「用量」中录入，或直接回复如「DING 已用 360」");
  return { title: `请录入 ${f.month} 的用量：${items.map((i) => i.label).join("、")}`, lines };
}

function incomplete(f: NoticeFacts): RenderedNotice {
  const fields = (f.fields as string[]).map((x) => FIELDS[x] ?? x).join("、");
  const endsOn = typeof f.endsOn === "string" ? f.endsOn : null;
  const title = f.problem !== "missing_dates"
    ? "合同日期有误（结束日期早于开始日期或格式不对），无法安排到期提醒"
    : endsOn
      ? `合同缺少${fields}，无法安排依赖它的付款或开票截止提醒（到期提醒已按 ${endsOn} 安排）`
      : `合同缺少${fields}，无法安排到期提醒`;
  return { title, lines: ["请在小程序中补全或更正合同信息（或重新导入合同），提醒会自动按新日期安排"] };
}

const RENDER: Record<string, (f: NoticeFacts) => RenderedNotice> = {
  renewal, data_deletion: deletion, consumable_lapse: lapse, quota_threshold: threshold, payment_deadline: payment,
  invoice_deadline: invoice, reading_request: reading, incomplete_contract: incomplete,
};

/** Title and lines of one notice. */
export function renderNotice(n: NoticeLike): RenderedNotice {
  const r = RENDER[n.kind];
  return r ? r(n.facts) : { title: String(n.kind), lines: [] };
}

/** Options of a digest. */
export interface DigestOptions {
  publicUrl: string | null;
  actionCard: boolean;
  maxItemsPerMessage: number;
  /** Lines shown above the notices (e.g. "DING quota used up, no DING was sent"). */
  notes?: string[];
  /** Ends each message with tap-to-send action links (1:1 chats with the robot; a group's taps may not reach it). */
  actionLinks?: boolean;
}

/** "快捷操作：[已续费](dtmd://…) · …" for the notices of one message, or null when none fits. */
function actionsText(items: NoticeLike[]): string | null {
  const line = actionLinksLine(actionsForKinds(items.map((n) => String(n.kind))));
  return line ? `快捷操作：${line}` : null;
}

function digestText(items: NoticeLike[], offset: number, total: number, notes: string[], links: boolean): string {
  const head = `#### 钉钉专业版提醒（${total} 项）`;
  const blocks = items.map((n, i) => {
    const r = renderNotice(n);
    const body = r.lines.map((l) => `- ${l}`).join("\n");
    return `**${offset + i + 1}. ${r.title}** · ${n.facts.orgName}（合同 #${n.facts.contractId}）\n\n${body}`;
  });
  const actions = links ? actionsText(items) : null;
  return [head, ...notes.map((x) => `> ${x}`), ...blocks, ...(actions ? [actions] : [])].join("\n\n");
}

function toMessage(title: string, text: string, o: DigestOptions): RobotMsg {
  if (o.actionCard && o.publicUrl) return robotMsg.actionCard(title, text, { title: "打开合同概览", url: `${o.publicUrl}/mini-app/` });
  return robotMsg.markdown(title, text);
}

/**
 * One recipient's digest: every notice (most urgent first, as given) in as few messages as DingTalk's size limit and
 * `maxItemsPerMessage` allow; each notice appears in exactly one message.
 */
export function renderDigest(notices: NoticeLike[], o: DigestOptions): { message: RobotMsg; notices: NoticeLike[] }[] {
  const parts: NoticeLike[][] = [];
  for (let i = 0; i < notices.length; i += o.maxItemsPerMessage) parts.push(notices.slice(i, i + o.maxItemsPerMessage));
  const out: { message: RobotMsg; notices: NoticeLike[] }[] = [];
  let offset = 0;
  const first = notices.length ? renderNotice(notices[0]!).title : "";
  while (parts.length) {
    const part = parts.shift()!;
    const title = notices.length === 1 ? first : `钉钉专业版提醒 ${notices.length} 项：${first}`.slice(0, 60);
    const message = toMessage(title, digestText(part, offset, notices.length, offset === 0 ? (o.notes ?? []) : [], o.actionLinks ?? false), o);
    if (part.length > 1 && Buffer.byteLength(JSON.stringify(message.msgParam)) > MAX_MSG_PARAM_BYTES - 500) {
      const half = Math.ceil(part.length / 2);
      parts.unshift(part.slice(0, half), part.slice(half));
      continue;
    }
    out.push({ message, notices: part });
    offset += part.length;
  }
  return out;
}

/** The text of a DING about some notices of one contract (short: DING shows it as a pop-up). */
export function renderDing(notices: NoticeLike[], publicUrl: string | null): string {
  const org = notices[0]?.facts.orgName ?? "";
  const titles = notices.map((n) => renderNotice(n).title).join("；");
  return `【钉钉专业版提醒】${org}：${titles}。详情见机器人消息${publicUrl ? "或工作台小程序" : ""}。`.slice(0, 500);
}
