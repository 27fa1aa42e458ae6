import { UsageRepository } from "../db/repositories/usage.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { currentContractId } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/**
 * Self-metering of DingTalk API calls: every metered call is counted in memory and flushed periodically as one
 * `api.calls` delta (source "self") on the org's current contract, so the monthly API quota shows real use.
 */
export class ApiCallMeter {
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ServiceDeps) {}

  /** Counts n calls (synchronous, never throws; called on every metered API attempt). */
  count(n: number): void {
    this.pending += n;
  }

  /** Writes the pending count to the ledger; a failure keeps the count for the next flush. */
  async flush(): Promise<number> {
    const n = this.pending;
    if (n === 0) return 0;
    this.pending = 0;
    try {
      const contractId = await currentContractId(this.deps);
      if (contractId === null || !(await new ContractRepository(this.deps.ds).hasQuota(contractId, "api.calls"))) return 0;
      const now = this.deps.clock.now();
      await new UsageRepository(this.deps.ds).append({
        contractId, metric: "api.calls", kind: "delta", amount: n, occurredAt: now, source: "self",
        recordedBy: "steward", note: null, createdAt: now,
      });
      return n;
    } catch (err) {
      this.pending += n;
      this.deps.log.warn({ err: (err as Error).message }, "could not record API call count; will retry");
      return 0;
    }
  }

  /** Flushes every `intervalMs` until stopped. */
  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and flushes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
