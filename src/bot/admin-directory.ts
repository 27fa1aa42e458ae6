import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { AdminCheck } from "./bot-context.js";

/** Options of {@link AdminDirectory}. */
export interface AdminDirectoryOptions {
  /** DingTalk's admin list (oapi `topapi/user/listadmin`). */
  listAdmins: () => Promise<{ userid: string }[]>;
  clock: Clock;
  /** How long a fetched list is trusted (settings.dingtalk.adminCacheSeconds); 0 = fetch every time. */
  ttlSeconds: number;
  log: Logger;
  /** After a failed fetch with nothing cached, wait this long before asking again (default 30 s). */
  retrySeconds?: number;
}

/**
 * DingTalk's org admins, cached for a TTL. Concurrent lookups share one fetch; when a refresh fails the stale list
 * keeps serving (and when there is none, nobody counts as a directory admin until the retry delay has passed).
 */
export class AdminDirectory implements AdminCheck {
  private cached: { ids: Set<string>; at: number } | null = null;
  private failedAt: number | null = null;
  private inflight: Promise<Set<string>> | null = null;

  constructor(private readonly opts: AdminDirectoryOptions) {}

  /** True when `staffId` is in the (cached) admin list. */
  async isAdmin(staffId: string): Promise<boolean> {
    return (await this.ids()).has(staffId);
  }

  /** Forgets the cached list (an org_admin_add/remove event arrived): the next lookup asks DingTalk again. */
  invalidate(): void {
    this.cached = null;
    this.failedAt = null;
  }

  private async ids(): Promise<Set<string>> {
    const now = this.opts.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.opts.ttlSeconds * 1000) return this.cached.ids;
    if (!this.cached && this.failedAt !== null && now - this.failedAt < (this.opts.retrySeconds ?? 30) * 1000) return new Set();
    this.inflight ??= this.fetch(now).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetch(now: number): Promise<Set<string>> {
    try {
      const ids = new Set((await this.opts.listAdmins()).map((a) => a.userid));
      this.cached = { ids, at: now };
      this.failedAt = null;
      return ids;
    } catch (err) {
      this.failedAt = now;
      this.opts.log.warn({ err: (err as Error)?.message, stale: this.cached !== null }, "bot: could not fetch the DingTalk admin list");
      return this.cached?.ids ?? new Set();
    }
  }
}
