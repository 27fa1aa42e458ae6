import { Between, IsNull } from "typeorm";
import { UsageRecordEntity } from "../db/entities/index.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { addDays, businessDate, isIsoDate, startOfBusinessDay } from "../domain/business-calendar.js";
import type { IsoDate } from "../domain/model.js";
import { AppError } from "../lib/app-error.js";
import { currentContractId } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** The note of a flushed `api.calls` entry starts with this; the rest is JSON `{ "<api>": <calls> }`. */
export const BY_API_NOTE = "by API ";
/** The bucket of calls counted without an API name (and of ledger entries written before the breakdown existed). */
export const UNATTRIBUTED = "unattributed";
const NOTE_MAX = 500;

/** Calls of one business day, per DingTalk API. */
export interface ApiCallsOfDay {
  date: IsoDate;
  total: number;
  byApi: Record<string, number>;
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [api, n] of Object.entries(from)) into[api] = (into[api] ?? 0) + n;
}

/** `by API {"robot.batchSend":3,…}` within the ledger's 500-character note; the smallest counts merge into "other". */
export function byApiNote(byApi: Record<string, number>): string {
  const entries = Object.entries(byApi).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (let keep = entries.length; keep >= 0; keep--) {
    const head = Object.fromEntries(entries.slice(0, keep));
    const rest = entries.slice(keep).reduce((sum, [, n]) => sum + n, 0);
    const note = `${BY_API_NOTE}${JSON.stringify(rest ? { ...head, other: rest } : head)}`;
    if (note.length <= NOTE_MAX) return note;
  }
  return `${BY_API_NOTE}{}`;
}

/** The per-API counts of a ledger note written by the meter, or null when the note carries none (or is damaged). */
export function parseByApiNote(note: string | null): Record<string, number> | null {
  if (!note?.startsWith(BY_API_NOTE)) return null;
  try {
    const v: unknown = JSON.parse(note.slice(BY_API_NOTE.length));
    if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
    const out: Record<string, number> = {};
    for (const [api, n] of Object.entries(v)) if (typeof n === "number" && Number.isFinite(n) && n >= 0) out[api] = n;
    return out;
  } catch {
    return null;
  }
}

/**
 * Self-metering of DingTalk API calls: every metered call is counted in memory and flushed periodically as one
 * `api.calls` delta (source "self") on the org's current contract, so the monthly API quota shows real use. The note
 * of each entry holds the per-API breakdown (`reminders log --api`); `today()` is this process's count of the
 * current business day (`/metrics`).
 */
export class ApiCallMeter {
  private pending = 0;
  private pendingByApi: Record<string, number> = {};
  private day: ApiCallsOfDay | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ServiceDeps) {}

  /** Counts n calls of `api` (synchronous, never throws; called on every metered API attempt). */
  count(n: number, api: string = UNATTRIBUTED): void {
    this.pending += n;
    this.pendingByApi[api] = (this.pendingByApi[api] ?? 0) + n;
    const today = this.today();
    today.total += n;
    today.byApi[api] = (today.byApi[api] ?? 0) + n;
  }

  /** This process's calls on the current business day (STEWARD_TIMEZONE), per API; starts from zero each day. */
  today(): ApiCallsOfDay {
    const date = businessDate(this.deps.clock.now(), this.deps.config.timezone);
    if (this.day?.date !== date) this.day = { date, total: 0, byApi: {} };
    return this.day;
  }

  /** Writes the pending count to the ledger; a failure keeps the count for the next flush. */
  async flush(): Promise<number> {
    const n = this.pending;
    const byApi = this.pendingByApi;
    if (n === 0) return 0;
    this.pending = 0;
    this.pendingByApi = {};
    try {
      const contractId = await currentContractId(this.deps);
      if (contractId === null || !(await new ContractRepository(this.deps.ds).hasQuota(contractId, "api.calls"))) return 0;
      const now = this.deps.clock.now();
      await new UsageRepository(this.deps.ds).append({
        contractId, metric: "api.calls", kind: "delta", amount: n, occurredAt: now, source: "self",
        recordedBy: "steward", note: byApiNote(byApi), createdAt: now,
      });
      return n;
    } catch (err) {
      this.pending += n;
      add(this.pendingByApi, byApi);
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

/**
 * The metered DingTalk calls of one business day (default today) as the ledger records them, per API: the sum of the
 * `api.calls` self-metered entries of every contract (revoked ones excluded). Entries without a breakdown count as
 * "unattributed". A date that is not YYYY-MM-DD is invalid_input.
 */
export async function apiCallsOnDay(deps: ServiceDeps, input: { date?: string } = {}): Promise<ApiCallsOfDay> {
  const tz = deps.config.timezone;
  const date = input.date ?? businessDate(deps.clock.now(), tz);
  if (!isIsoDate(date)) throw new AppError("invalid_input", `"${date}" is not a date; write YYYY-MM-DD, e.g. 2024-05-06.`);
  const from = startOfBusinessDay(date, tz);
  const to = new Date(startOfBusinessDay(addDays(date, 1), tz).getTime() - 1);
  const rows = await deps.ds.getRepository(UsageRecordEntity).find({
    where: { metric: "api.calls", source: "self", revokedAt: IsNull(), occurredAt: Between(from, to) },
    select: { amount: true, note: true },
  });
  const out: ApiCallsOfDay = { date, total: 0, byApi: {} };
  for (const r of rows) {
    const amount = Number(r.amount);
    out.total += amount;
    const split = parseByApiNote(r.note);
    const attributed = split ? Object.values(split).reduce((a, b) => a + b, 0) : 0;
    if (split) add(out.byApi, split);
    if (amount > attributed) add(out.byApi, { [UNATTRIBUTED]: amount - attributed });
  }
  return out;
}
