/**
 * Which DingTalk to-dos (待办) a contract should have: one per deadline that costs money (renewal on the end date,
 * payment, invoice), open from `leadDays` before it until it is met, done once met, gone when the contract is
 * terminated. Pure.
 */
import { daysBetween } from "./business-calendar.js";
import type { ContractTimeline } from "./contract-timeline.js";
import type { ContractStatus, IsoDate } from "./model.js";

/** The deadlines that get a to-do. */
export type TodoDeadline = "renewal" | "payment" | "invoice";

/** One to-do as it should be now. */
export interface WantedTodo {
  deadline: TodoDeadline;
  /** Stable business id: one to-do per contract and deadline date (DingTalk's sourceId). */
  sourceId: string;
  dueOn: IsoDate;
  state: "open" | "done" | "gone";
  /** DingTalk priority: 40 urgent (≤ 7 days or overdue), 30 high (≤ 30 days), 20 normal. */
  priority: 10 | 20 | 30 | 40;
  subject: string;
}

const SUBJECT: Record<TodoDeadline, (dueOn: IsoDate) => string> = {
  renewal: (d) => `续费钉钉专业版（${d} 到期）`,
  payment: (d) => `支付钉钉专业版合同款（${d} 前）`,
  invoice: (d) => `催开钉钉专业版发票（${d} 前）`,
};

function priority(today: IsoDate, dueOn: IsoDate): WantedTodo["priority"] {
  const left = daysBetween(today, dueOn);
  return left <= 7 ? 40 : left <= 30 ? 30 : 20;
}

/** The to-dos of one contract as of `today`; a deadline further than `leadDays` away and never opened is left out. */
export function wantedTodos(
  c: { contractId: number; status: ContractStatus; timeline: Pick<ContractTimeline, "endsOn" | "payment" | "invoice"> },
  today: IsoDate,
  leadDays: number,
): WantedTodo[] {
  const out: WantedTodo[] = [];
  const add = (deadline: TodoDeadline, dueOn: IsoDate | null | undefined, met: boolean) => {
    if (!dueOn) return;
    const state = c.status === "terminated" ? "gone" : met ? "done" : "open";
    if (state === "open" && daysBetween(today, dueOn) > leadDays) return;
    out.push({ deadline, sourceId: `steward-${c.contractId}-${deadline}-${dueOn}`, dueOn, state, priority: priority(today, dueOn), subject: SUBJECT[deadline](dueOn) });
  };
  add("renewal", c.timeline.endsOn, c.status === "renewed");
  add("payment", c.timeline.payment?.dueOn, c.timeline.payment?.status === "met");
  add("invoice", c.timeline.invoice?.dueOn, c.timeline.invoice?.status === "met");
  return out;
}
