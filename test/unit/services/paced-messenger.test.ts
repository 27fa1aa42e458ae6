import { describe, expect, it } from "vitest";
import { robotMsg } from "../../../src/dingtalk/robot-messages.js";
import type { Messenger } from "../../../src/services/messenger.js";
import { PacedMessenger, Pacer, robotApiHeadroom } from "../../../src/services/paced-messenger.js";
import { ManualTimers } from "../../fakes/manual-timers.js";

/** Runs virtual timers until `p` settles. */
async function drive<T>(timers: ManualTimers, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let i = 0; i < 10_000 && !done; i++) {
    await new Promise((r) => setImmediate(r));
    if (!done && timers.pending().length) timers.runNext();
  }
  return p;
}

describe("Pacer", () => {
  it("spaces calls evenly: never more than qps in any second, sustained within 2.5 % of qps", async () => {
    const timers = new ManualTimers(0);
    const pacer = new Pacer(20, timers);
    const at: number[] = [];
    await drive(timers, Promise.all(Array.from({ length: 101 }, () => pacer.wait().then(() => at.push(timers.now())))));
    for (let i = 0; i + 20 < at.length; i++) expect(at[i + 20]! - at[i]!).toBeGreaterThanOrEqual(1000);
    const rate = 100 / ((at[100]! - at[0]!) / 1000);
    expect(rate).toBeGreaterThan(19);
    expect(rate).toBeLessThanOrEqual(20);
  });

  it("never bunches calls after a stalled event loop: still at most qps in any second of actual release times", async () => {
    let clock = 0;
    // Every timer due while the loop is stalled (300–700 ms) fires at 700 ms, as a busy event loop would make it.
    const stalled = {
      now: () => clock,
      setTimeout: (fn: () => void, ms: number) => {
        const due = clock + ms;
        return setImmediate(() => {
          clock = Math.max(clock, due >= 300 && due < 700 ? 700 : due);
          fn();
        });
      },
      clearTimeout: (h: unknown) => clearImmediate(h as NodeJS.Immediate),
    };
    const pacer = new Pacer(40, stalled);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 201 }, () => pacer.wait().then(() => at.push(stalled.now()))));
    for (let i = 0; i + 40 < at.length; i++) expect(at[i + 40]! - at[i]!).toBeGreaterThanOrEqual(1000);
    expect(200 / ((at[200]! - at[0]!) / 1000)).toBeGreaterThan(34);
  });

  it("gives the DingTalk clients' own limiter headroom above the pacing", () => {
    expect(robotApiHeadroom(20)).toEqual({ "robot.batchSend": 24, "robot.groupSend": 24, "robot.ding": 24 });
  });
});

describe("PacedMessenger", () => {
  it("sends 1:1 in batches of 20 users and DING in batches of 200 (in-app) or 20 (SMS/phone), merging the outcomes", async () => {
    const calls: string[] = [];
    const inner: Messenger = {
      live: true,
      sendToUsers: async (ids) => (calls.push(`users:${ids.length}`), { invalidUserIds: ids.filter((x) => x === "u3"), flowControlledUserIds: [] }),
      sendToGroup: async (cid) => void calls.push(`group:${cid}`),
      sendDing: async (ids, _t, type) => {
        calls.push(`ding${type}:${ids.length}`);
        const failed: Record<string, string[]> = ids.includes("u0") ? { "miss.staffId": ["u0"] } : {};
        return { failed };
      },
      pausedUntil: () => null,
    };
    const timers = new ManualTimers(0);
    const m = new PacedMessenger(inner, { qps: 20, timers });
    const users = Array.from({ length: 45 }, (_, i) => `u${i}`);
    const r = await drive(timers, m.sendToUsers(users, robotMsg.text("x")));
    expect(r.invalidUserIds).toEqual(["u3"]);
    await drive(timers, m.sendDing(users, "x", 1));
    const sms = await drive(timers, m.sendDing(users, "x", 2));
    expect(sms.failed).toEqual({ "miss.staffId": ["u0"] });
    await drive(timers, m.sendToGroup("cid1", robotMsg.text("x")));
    expect(calls).toEqual(["users:20", "users:20", "users:5", "ding1:45", "ding2:20", "ding2:20", "ding2:5", "group:cid1"]);
  });
});
