import type { DataSource } from "typeorm";
import { pingDatabase } from "../db/data-source.js";
import type { Metrics } from "../lib/metrics.js";

/** Something that can report its state for /readyz (the Stream client, the sender's quota alarm…). */
export interface ReadinessSource {
  name: string;
  /** `ok: false` makes the service not ready; `detail` is shown as-is (never secrets). */
  check(): { ok: boolean; detail: Record<string, unknown> };
}

/** Result of a readiness probe. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean } & Record<string, unknown>>;
}

/** Readiness: the database answers, plus whatever the registered sources report. */
export class HealthService {
  private readonly sources: ReadinessSource[] = [];
  constructor(
    private readonly ds: DataSource,
    private readonly metrics?: Metrics,
  ) {}

  /** Adds a component to the readiness report (called by main.ts as parts start). */
  register(source: ReadinessSource): void {
    this.sources.push(source);
  }

  /** Probes every part; never throws. */
  async readiness(): Promise<Readiness> {
    const dbOk = this.ds.isInitialized && (await pingDatabase(this.ds));
    this.metrics?.dbUp.set(dbOk ? 1 : 0);
    const checks: Readiness["checks"] = { database: { ok: dbOk } };
    for (const s of this.sources) {
      try {
        const r = s.check();
        checks[s.name] = { ok: r.ok, ...r.detail };
      } catch (err) {
        checks[s.name] = { ok: false, error: (err as Error).message };
      }
    }
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }
}
