/**
 * Even pacing of outbound DingTalk calls per API: one call every 1/(qps × 0.975) s (a token bucket of capacity 1), so
 * no 1-second window ever holds more than `qps` calls and the sustained rate stays within 2.5 % of it. Wraps any
 * Messenger; the DingTalk clients underneath keep their own limiter as a backstop (give them headroom, see
 * `robotApiHeadroom`, or their sliding window becomes the bottleneck).
 */
import type { RemindType } from "../dingtalk/openapi-client.js";
import { realTimers, sleep, type Timers } from "../lib/timers.js";
import type { DingOutcome, Messenger, OutboundMessage, UsersOutcome } from "./messenger.js";

/** Fraction of the limit the pacer stays below, against network jitter. */
const MARGIN = 0.025;
const ROBOT_APIS = ["robot.batchSend", "robot.groupSend", "robot.ding"] as const;

/** Extra room on the 1-second window check, against the network reordering two calls a little. */
const WINDOW_MS = 1010;

/**
 * Spaces calls `1000 / (qps × (1 − MARGIN))` ms apart, first come first served, and never releases more than
 * `qps` calls within any second of actual release times (a late timer cannot bunch the calls after it).
 */
export class Pacer {
  private next = 0;
  private readonly intervalMs: number;
  private readonly perWindow: number;
  private readonly released: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(qps: number, private readonly timers: Timers = realTimers) {
    if (!(qps > 0)) throw new RangeError("Pacer qps must be > 0");
    this.intervalMs = 1000 / (qps * (1 - MARGIN));
    this.perWindow = Math.max(1, Math.floor(qps));
  }

  /** Resolves at this caller's slot. */
  wait(): Promise<void> {
    const turn = this.tail.then(() => this.release());
    this.tail = turn;
    return turn;
  }

  private async release(): Promise<void> {
    let now = this.timers.now();
    const slot = Math.max(now, this.next);
    if (slot > now) await sleep(this.timers, slot - now);
    now = this.timers.now();
    if (this.released.length >= this.perWindow) {
      const oldest = this.released[this.released.length - this.perWindow]!;
      if (now - oldest < WINDOW_MS) await sleep(this.timers, WINDOW_MS - (now - oldest));
      now = this.timers.now();
    }
    this.released.push(now);
    if (this.released.length > this.perWindow) this.released.splice(0, this.released.length - this.perWindow);
    this.next = Math.max(slot, now - this.intervalMs / 2) + this.intervalMs;
  }
}

/** Per-API limits for the DingTalk clients' own limiter that leave the pacer in charge of the robot APIs. */
export function robotApiHeadroom(qps: number): Record<string, number> {
  return Object.fromEntries(ROBOT_APIS.map((api) => [api, Math.ceil(qps * 1.2)]));
}

/** A Messenger whose calls are paced per DingTalk API (batches of 20 users for 1:1, 200/20 for DING). */
export class PacedMessenger implements Messenger {
  private readonly pacers = new Map<string, Pacer>();

  constructor(
    private readonly inner: Messenger,
    private readonly opts: { qps: number; qpsPerApi?: Record<string, number>; timers?: Timers },
  ) {}

  get live(): boolean {
    return this.inner.live;
  }

  private pacer(api: string): Pacer {
    let p = this.pacers.get(api);
    if (!p) {
      p = new Pacer(this.opts.qpsPerApi?.[api] ?? this.opts.qps, this.opts.timers);
      this.pacers.set(api, p);
    }
    return p;
  }

  async sendToUsers(userIds: string[], message: OutboundMessage): Promise<UsersOutcome> {
    const out: UsersOutcome = { invalidUserIds: [], flowControlledUserIds: [] };
    for (let i = 0; i < userIds.length; i += 20) {
      await this.pacer("robot.batchSend").wait();
      const r = await this.inner.sendToUsers(userIds.slice(i, i + 20), message);
      out.invalidUserIds.push(...r.invalidUserIds);
      out.flowControlledUserIds.push(...r.flowControlledUserIds);
    }
    return out;
  }

  async sendToGroup(conversationId: string, message: OutboundMessage): Promise<void> {
    await this.pacer("robot.groupSend").wait();
    await this.inner.sendToGroup(conversationId, message);
  }

  async sendDing(userIds: string[], text: string, remindType: RemindType): Promise<DingOutcome> {
    const per = remindType === 1 ? 200 : 20;
    const out: DingOutcome = { failed: {} };
    for (let i = 0; i < userIds.length; i += per) {
      await this.pacer("robot.ding").wait();
      const r = await this.inner.sendDing(userIds.slice(i, i + per), text, remindType);
      for (const [reason, ids] of Object.entries(r.failed)) (out.failed[reason] ??= []).push(...ids);
    }
    return out;
  }

  pausedUntil(): Date | null {
    return this.inner.pausedUntil();
  }
}
