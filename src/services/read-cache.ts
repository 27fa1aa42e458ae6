/**
 * A short-lived, per-process cache of derived reads (contract overviews, upcoming reminders). Entries live `ttlMs`
 * of wall time; callers key them by the business clock's minute, so a moved clock never sees an old "today". Every
 * write made through the services clears it at once; writes by other instances show up within `ttlMs`. `ttlMs` 0
 * disables it.
 */
export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly ttlMs: number) {}

  /** The cached value for `key`, or the result of `load` (shared by concurrent callers; failures are not kept). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    if (this.entries.size > 1000) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  /** Forgets everything (after any write). */
  clear(): void {
    this.entries.clear();
  }
}
