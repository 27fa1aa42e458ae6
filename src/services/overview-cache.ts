import type { ContractOverview } from "./contract-overview.service.js";

/**
 * A short-lived, per-process cache of contract overviews. Entries live `ttlMs` of wall time and are keyed by the
 * business clock's minute, so a moved clock never sees an old "today". Every write made through the services clears
 * it at once; writes by other instances show up within `ttlMs`. `ttlMs` 0 disables it.
 */
export class OverviewCache {
  private readonly entries = new Map<string, { at: number; value: Promise<ContractOverview | null> }>();

  constructor(private readonly ttlMs: number) {}

  /** The cached overview for `key`, or the result of `load` (shared by concurrent callers; failures are not kept). */
  get(key: string, load: () => Promise<ContractOverview | null>): Promise<ContractOverview | null> {
    if (this.ttlMs <= 0) return load();
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
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
