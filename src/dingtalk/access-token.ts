import type { Clock } from "../lib/clock.js";

/** An internal app's credentials (AppKey/AppSecret, called clientId/clientSecret in the developer console). */
export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

/** A freshly issued app access token. */
export interface IssuedToken {
  accessToken: string;
  expiresInSec: number;
}

/** Fetches a new app access token from DingTalk (v1.0 `oauth2/accessToken` or legacy `gettoken`). */
export type TokenFetcher = (creds: AppCredentials) => Promise<IssuedToken>;

interface CachedToken {
  token: string;
  refreshAt: number;
}

/** Options for {@link AccessTokenCache}. */
export interface AccessTokenCacheOptions {
  fetchToken: TokenFetcher;
  clock: Clock;
  /** Refresh this long before the token expires (default 5 minutes; DingTalk tokens live 7200 s). */
  refreshMarginMs?: number;
}

/**
 * Caches one app access token per clientId. Concurrent callers share a single in-flight refresh (single-flight), the
 * token is refreshed `refreshMarginMs` before it expires, and `invalidate()` drops it after a 40014 /
 * InvalidAuthentication answer. Tokens are never logged.
 */
export class AccessTokenCache {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly refreshMarginMs: number;
  private fetchCount = 0;

  constructor(private readonly opts: AccessTokenCacheOptions) {
    this.refreshMarginMs = opts.refreshMarginMs ?? 5 * 60_000;
  }

  /** Number of token requests sent to DingTalk so far (for tests and /metrics). */
  get fetches(): number {
    return this.fetchCount;
  }

  /** Returns a valid token for the app, fetching one (once, however many callers wait) when missing or near expiry. */
  get(creds: AppCredentials): Promise<string> {
    const cached = this.cache.get(creds.clientId);
    if (cached && this.opts.clock.now().getTime() < cached.refreshAt) {
      return Promise.resolve(cached.token);
    }
    const pending = this.inflight.get(creds.clientId);
    if (pending) return pending;
    const p = this.refresh(creds).finally(() => this.inflight.delete(creds.clientId));
    this.inflight.set(creds.clientId, p);
    return p;
  }

  /**
   * Forgets the app's token. Pass the token the failed call used: if another caller already replaced it, the newer
   * token is kept (so N concurrent 40014s cause one refresh, not N).
   */
  invalidate(clientId: string, staleToken?: string): void {
    const cached = this.cache.get(clientId);
    if (!cached) return;
    if (staleToken === undefined || cached.token === staleToken) this.cache.delete(clientId);
  }

  private async refresh(creds: AppCredentials): Promise<string> {
    this.fetchCount += 1;
    const issued = await this.opts.fetchToken(creds);
    const lifetimeMs = Math.max(0, issued.expiresInSec) * 1000;
    // Short-lived tokens (fakes, odd proxies) are refreshed at half-life rather than immediately.
    const usableMs = Math.max(lifetimeMs - this.refreshMarginMs, lifetimeMs / 2);
    this.cache.set(creds.clientId, { token: issued.accessToken, refreshAt: this.opts.clock.now().getTime() + usableMs });
    return issued.accessToken;
  }
}
