/** Event-driven waiting for test-side conditions: call `notify()` whenever state changes, `until()` to wait. */
export class Waiter {
  private readonly listeners = new Set<() => void>();

  /** Re-checks every pending `until`. */
  notify = (): void => {
    for (const l of [...this.listeners]) l();
  };

  /** Resolves when `predicate()` is true (checked now and on each notify); rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }
}

/** An in-memory claimMessage port (what processed_messages does with a unique key), recording every claim. */
export function memoryClaims(): { claim: (msgId: string) => Promise<boolean>; calls: string[] } {
  const seen = new Set<string>();
  const calls: string[] = [];
  return {
    calls,
    claim: async (msgId) => {
      calls.push(msgId);
      if (seen.has(msgId)) return false;
      seen.add(msgId);
      return true;
    },
  };
}
