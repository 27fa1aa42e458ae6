import type { TimerHandle, Timers } from "../../src/lib/timers.js";

interface Entry {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * Virtual timers for tests: nothing fires until the test calls `runNext()`, which jumps virtual time to the earliest
 * due timer and runs it. `onChange` fires whenever a timer is scheduled or cleared (for event-driven waits).
 */
export class ManualTimers implements Timers {
  private t: number;
  private seq = 0;
  private readonly entries: Entry[] = [];
  onChange: () => void = () => undefined;

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const e = { id: ++this.seq, due: this.t + Math.max(0, ms), fn };
    this.entries.push(e);
    this.onChange();
    return { id: e.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id?: number }).id;
    const i = this.entries.findIndex((e) => e.id === id);
    if (i >= 0) this.entries.splice(i, 1);
    this.onChange();
  }

  /** Pending timers' delays from now, soonest first. */
  pending(): number[] {
    return this.entries.map((e) => e.due - this.t).sort((a, b) => a - b);
  }

  /** Advances virtual time to the earliest timer and runs it; returns the delay that elapsed. */
  runNext(): number {
    if (this.entries.length === 0) throw new Error("ManualTimers: nothing scheduled");
    this.entries.sort((a, b) => a.due - b.due || a.id - b.id);
    const e = this.entries.shift()!;
    const elapsed = e.due - this.t;
    this.t = e.due;
    e.fn();
    this.onChange();
    return elapsed;
  }
}
