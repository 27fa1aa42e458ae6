import type { ContractOverview } from "../services/contract-overview.service.js";

/**
 * Single-flight access to the current contract's overview: messages handled at the same time share one load
 * (a burst of questions costs one read of the contract, not one each). Nothing is kept once the load settles, so an
 * answer is never older than the messages in flight; writes from the bot call `invalidate()` so later reads start afresh.
 */
export class SharedOverview {
  private inflight: Promise<ContractOverview> | null = null;

  constructor(private readonly load: () => Promise<ContractOverview>) {}

  /** The overview, joining a load already in flight. */
  get(): Promise<ContractOverview> {
    if (this.inflight) return this.inflight;
    const p = this.load().finally(() => {
      if (this.inflight === p) this.inflight = null;
    });
    this.inflight = p;
    return p;
  }

  /** Forgets a load in flight (after a write), so the next `get` reads the database again. */
  invalidate(): void {
    this.inflight = null;
  }
}
