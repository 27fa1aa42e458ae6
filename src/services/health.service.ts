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
  private lastProbe: { at: number; ok: Promise<boolean> } | null = null;
  constructor(
    private readonly ds: DataSource,
    private readonly metrics?: Metrics,
  ) {}

  /** Adds a component to the readiness report (called by main.ts as parts start). */
  register(source: ReadinessSource): void {
    this.sources.push(source);
  }

  /**
   * Whether the database answers a trivial query (within 2 s); never throws, updates the db-up gauge. With
   * `maxAgeMs`, a probe younger than that is reused and concurrent callers share one probe (cheap enough for /healthz).
   */
  databaseUp(maxAgeMs = 0): Promise<boolean> {
    const now = performance.now();
    if (this.lastProbe && now - this.lastProbe.at < maxAgeMs) return this.lastProbe.ok;
    const ok = (async () => {
      const up = this.ds.isInitialized && (await pingDatabase(this.ds));
      this.metrics?.dbUp.set(up ? 1 : 0);
      return up;
    })();
    this.lastProbe = { at: now, ok };
    return ok;
  }

  /** Probes every part; never throws. */
  async readiness(): Promise<Readiness> {
    const dbOk = await this.databaseUp();
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
