import { AppError } from "../lib/app-error.js";
import type { Clock } from "../lib/clock.js";
import { backoffDelay, realTimers, sleep, type Timers } from "../lib/timers.js";
import type { AccessTokenCache, AppCredentials } from "./access-token.js";
import { classifyFailure, DingTalkApiError, DingTalkTransportError, type FailureKind } from "./dingtalk-errors.js";
import { RateLimiter } from "./rate-limiter.js";

/** What the policy needs to know about one DingTalk API. */
export interface ApiSpec {
  /** Stable name used for rate limiting, stats and messages, e.g. "robot.batchSend". */
  name: string;
  /** Counts toward the org's monthly API quota (token, identity and contacts APIs do not). */
  metered: boolean;
  /** Safe to resend after a timeout / 5xx (reads). Throttled calls are always retried: DingTalk did not run them. */
  idempotent: boolean;
  /** Needs the app access token. */
  auth: boolean;
  /** Maps a non-retryable DingTalk answer to a more precise AppError (e.g. 60121 → not_found). */
  mapError?: (err: DingTalkApiError) => AppError | undefined;
}

/** Passed to each attempt. */
export interface CallContext {
  token: string | undefined;
  signal: AbortSignal;
  timeoutMs: number;
}

/** Raised to operators (log + DingTalk message to admins, wired by the caller). */
export type DingTalkAlert =
  | { kind: "quota_exhausted"; api: string; code: string; blockedUntil: Date }
  | { kind: "auth_failed"; api: string; code: string };

/** Self-metering hook: called once per attempt of a metered API, with that API's name (e.g. "robot.batchSend"). */
export type Meter = (metric: "api.calls", n: number, api: string) => void;

/** Per-API counters for /metrics. */
export interface ApiStats {
  attempts: number;
  ok: number;
  throttled: number;
  retries: number;
  failures: number;
}

/** Options for {@link CallPolicy}. */
export interface CallPolicyOptions {
  credentials: AppCredentials;
  tokens: AccessTokenCache;
  clock: Clock;
  timers?: Timers;
  random?: () => number;
  meter?: Meter;
  onAlert?: (alert: DingTalkAlert) => void;
  /** Default permits per second per API (default 20, DingTalk's standard per-app × per-API limit). */
  qps?: number;
  /** Overrides by API name, e.g. `{ "robot.batchSend": 40 }`. */
  qpsPerApi?: Record<string, number>;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Retries after a throttling answer (default 4). */
  maxThrottleRetries?: number;
  /** Retries of idempotent calls after transport errors / 5xx (default 2). */
  maxTransientRetries?: number;
  /** Backoff base and cap (default 500 ms → 8 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** First instant of the next calendar month in Asia/Shanghai (UTC+8, no DST): when DingTalk's monthly quota resets. */
export function nextQuotaReset(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SHANGHAI_OFFSET_MS);
}

/**
 * The one place that decides how DingTalk calls behave: per-API rate limit (never above the configured qps),
 * per-attempt timeout, retry with exponential backoff + jitter on throttling (90018/90002, HTTP 403 QpsLimit…, 429),
 * one token refresh on 40014 / InvalidAuthentication, and on 90020 / ApiCountLimitForOrg an alert plus a block of
 * metered calls until the quota month ends. Every metered attempt is reported to `meter`. Failures surface as AppError.
 */
export class CallPolicy {
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly stats = new Map<string, ApiStats>();
  private blockedUntil: Date | null = null;

  constructor(private readonly opts: CallPolicyOptions) {
    this.timers = opts.timers ?? realTimers;
    this.random = opts.random ?? Math.random;
  }

  /** When metered calls are blocked after a quota answer, the instant they resume; otherwise null. */
  get quotaBlockedUntil(): Date | null {
    if (this.blockedUntil && this.opts.clock.now() >= this.blockedUntil) this.blockedUntil = null;
    return this.blockedUntil;
  }

  /** Lifts the quota block early (after the org bought more quota). */
  resetQuotaBlock(): void {
    this.blockedUntil = null;
  }

  /** Snapshot of per-API counters. */
  snapshot(): Record<string, ApiStats> {
    return Object.fromEntries([...this.stats].map(([k, v]) => [k, { ...v }]));
  }

  /** Runs `attempt` under the policy. `attempt` throws DingTalkApiError / DingTalkTransportError on failure. */
  async run<T>(api: ApiSpec, attempt: (ctx: CallContext) => Promise<T>): Promise<T> {
    const stats = this.statsFor(api.name);
    let throttleRetries = 0;
    let transientRetries = 0;
    let refreshedToken = false;
    const maxThrottle = this.opts.maxThrottleRetries ?? 4;
    const maxTransient = this.opts.maxTransientRetries ?? 2;
    for (;;) {
      if (api.metered) this.assertQuotaOpen(api);
      const permit = await this.limiterFor(api.name).acquire();
      let token: string | undefined;
      try {
        token = api.auth ? await this.opts.tokens.get(this.opts.credentials) : undefined;
      } catch (err) {
        permit.release();
        throw err;
      }
      permit.sent();
      stats.attempts += 1;
      if (api.metered) this.opts.meter?.("api.calls", 1, api.name);
      const timeoutMs = this.opts.timeoutMs ?? 10_000;
      try {
        const result = await attempt({ token, signal: AbortSignal.timeout(timeoutMs), timeoutMs });
        stats.ok += 1;
        return result;
      } catch (raw) {
        const err = normalizeAbort(raw, timeoutMs);
        const kind = classifyFailure(err);
        if (kind === "throttled") {
          stats.throttled += 1;
          if (throttleRetries < maxThrottle) {
            await this.backoff(throttleRetries++, stats);
            continue;
          }
        } else if (kind === "invalid_token" && api.auth && !refreshedToken) {
          refreshedToken = true;
          this.opts.tokens.invalidate(this.opts.credentials.clientId, token);
          stats.retries += 1;
          continue;
        } else if (kind === "transient" && api.idempotent && transientRetries < maxTransient) {
          await this.backoff(transientRetries++, stats);
          continue;
        }
        stats.failures += 1;
        throw this.toAppError(api, kind, err, throttleRetries);
      }
    }
  }

  private toAppError(api: ApiSpec, kind: FailureKind, err: unknown, throttleRetries: number): AppError {
    const code = codeOf(err);
    switch (kind) {
      case "throttled":
        return new AppError(
          "rate_limited",
          `DingTalk kept throttling ${api.name} (${code}) after ${throttleRetries} retries. ` +
            "Lower settings.dingtalk.qps or spread the sends out, then try again.",
          { api: api.name, dingtalkCode: code },
        );
      case "invalid_token":
        this.opts.onAlert?.({ kind: "auth_failed", api: api.name, code });
        return new AppError(
          "dingtalk_error",
          `DingTalk rejected the app access token for ${api.name} even after a refresh (${code}). ` +
            "Check DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET and the app's API permissions in the developer console.",
          { api: api.name, dingtalkCode: code },
        );
      case "quota_exhausted":
        return this.blockForQuota(api, code);
      case "transient":
        return new AppError(
          "dingtalk_unavailable",
          `DingTalk did not answer ${api.name} (${describe(err)}). Check network access to DingTalk and retry later.`,
          { api: api.name },
        );
      case "fatal":
        if (!(err instanceof DingTalkApiError)) {
          return new AppError("dingtalk_error", `Unexpected failure calling ${api.name} (${describe(err)}).`, {
            api: api.name,
          });
        }
        return (
          api.mapError?.(err) ??
          new AppError(
            "dingtalk_error",
            `DingTalk refused ${api.name}: ${err.code} ${err.remoteMessage}. Check the app's permissions and the request values.`,
            { api: api.name, dingtalkCode: err.code, status: err.status, requestId: err.requestId },
          )
        );
    }
  }

  private assertQuotaOpen(api: ApiSpec): void {
    const until = this.quotaBlockedUntil;
    if (until) throw quotaError(api.name, "blocked", until);
  }

  private blockForQuota(api: ApiSpec, code: string): AppError {
    const until = nextQuotaReset(this.opts.clock.now());
    const wasBlocked = this.quotaBlockedUntil !== null;
    this.blockedUntil = until;
    if (!wasBlocked) this.opts.onAlert?.({ kind: "quota_exhausted", api: api.name, code, blockedUntil: until });
    return quotaError(api.name, code, until);
  }

  private async backoff(attempt: number, stats: ApiStats): Promise<void> {
    stats.retries += 1;
    const base = this.opts.backoffBaseMs ?? 500;
    await sleep(this.timers, backoffDelay(attempt, base, this.opts.backoffMaxMs ?? 8000, this.random));
  }

  private limiterFor(name: string): RateLimiter {
    let l = this.limiters.get(name);
    if (!l) {
      const qps = this.opts.qpsPerApi?.[name] ?? this.opts.qps ?? 20;
      l = new RateLimiter({ qps, timers: this.timers });
      this.limiters.set(name, l);
    }
    return l;
  }

  private statsFor(name: string): ApiStats {
    let s = this.stats.get(name);
    if (!s) {
      s = { attempts: 0, ok: 0, throttled: 0, retries: 0, failures: 0 };
      this.stats.set(name, s);
    }
    return s;
  }
}

function quotaError(api: string, code: string, until: Date): AppError {
  return new AppError(
    "dingtalk_quota_exhausted",
    `The organisation's monthly DingTalk API quota is used up (${code}); metered calls such as ${api} are paused ` +
      `until ${until.toISOString()}. Buy more quota in the DingTalk admin console or wait for the new month.`,
    { api, dingtalkCode: code, blockedUntil: until.toISOString() },
  );
}

function normalizeAbort(raw: unknown, timeoutMs: number): unknown {
  if (raw instanceof Error && (raw.name === "TimeoutError" || raw.name === "AbortError")) {
    return new DingTalkTransportError(`timed out after ${timeoutMs} ms`, true);
  }
  return raw;
}

function codeOf(err: unknown): string {
  return err instanceof DingTalkApiError ? err.code : "transport";
}

function describe(err: unknown): string {
  if (err instanceof DingTalkApiError) return `${err.code}, HTTP ${err.status}`;
  if (err instanceof DingTalkTransportError) return err.message;
  return err instanceof Error ? err.name : "unknown error";
}
