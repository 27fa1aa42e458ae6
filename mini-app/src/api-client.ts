/**
 * Talks to the Koa API: opens a session, keeps its bearer token in memory only (never storage), and on a 401
 * silently signs in again once and retries. Errors come out as ApiError (server said no) or OfflineError
 * (the request never reached the server).
 */
import type {
  AcknowledgeRequest, ApiErrorBody, ImportResult, OkResult, RenewalRequest, RenewalResult, Session, SessionRequest, SnoozeRequest, Summary,
  UsageRequest, UsageResult,
} from "./api-types.js";

/** The server answered with an error envelope (or an unreadable body). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The request did not reach the server (offline, DNS, connection refused). */
export class OfflineError extends Error {
  constructor(message = "network unavailable") {
    super(message);
    this.name = "OfflineError";
  }
}

/** Produces the body of a new session request (asks DingTalk for a fresh code each time). */
export type Credentials = () => Promise<SessionRequest>;

/** Typed access to the page's API routes with in-memory session handling. */
export class ApiClient {
  private session: Session | null = null;
  private pendingLogin: Promise<Session> | null = null;

  constructor(private readonly credentials: Credentials) {}

  /** Opens a session (or joins one being opened) and returns it. */
  login(): Promise<Session> {
    if (!this.pendingLogin) {
      this.pendingLogin = (async () => {
        const body = await this.credentials();
        const session = await this.send<Session>("POST", "/api/miniapp/session", body, false);
        this.session = session;
        return session;
      })().finally(() => {
        this.pendingLogin = null;
      });
    }
    return this.pendingLogin;
  }

  /** The summary of the current contract, with server-written texts (consequences, labels) in `lang`. */
  summary(lang?: "zh" | "en"): Promise<Summary> {
    return this.call<Summary>("GET", lang ? `/api/v1/summary?lang=${lang}` : "/api/v1/summary");
  }

  /** Records a usage delta or reading; answers the updated quota. */
  recordUsage(req: UsageRequest, lang?: "zh" | "en"): Promise<UsageResult> {
    return this.call<UsageResult>("POST", lang ? `/api/v1/usage?lang=${lang}` : "/api/v1/usage", req);
  }

  /** Marks a reminder as handled (stops it). */
  acknowledge(req: AcknowledgeRequest): Promise<OkResult> {
    return this.call<OkResult>("POST", "/api/v1/reminders/acknowledge", req);
  }

  /** Postpones a reminder by some days. */
  snooze(req: SnoozeRequest): Promise<OkResult> {
    return this.call<OkResult>("POST", "/api/v1/reminders/snooze", req);
  }

  /** Declares the contract renewed (or being renewed), as 「已续费」 in chat does. */
  declareRenewal(req: RenewalRequest): Promise<RenewalResult> {
    return this.call<RenewalResult>("POST", "/api/v1/renewal", req);
  }

  /** Uploads a contract document for import (multipart field `file`). */
  importContract(file: File): Promise<ImportResult> {
    const form = new FormData();
    form.append("file", file, file.name);
    return this.call<ImportResult>("POST", "/api/v1/contracts/import", form);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.session) await this.login();
    try {
      return await this.send<T>(method, path, body, true);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      this.session = null;
      await this.login();
      return this.send<T>(method, path, body, true);
    }
  }

  private async send<T>(method: string, path: string, body: unknown, auth: boolean): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (auth && this.session) headers.Authorization = `Bearer ${this.session.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
    } catch (err) {
      throw new OfflineError(err instanceof Error ? err.message : String(err));
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const envelope = (json as Partial<ApiErrorBody> | null)?.error;
      const code = typeof envelope?.code === "string" ? envelope.code : `http_${res.status}`;
      const message = typeof envelope?.message === "string" ? envelope.message : res.statusText || `HTTP ${res.status}`;
      throw new ApiError(res.status, code, message);
    }
    if (!json || typeof json !== "object" || !("data" in json)) {
      throw new ApiError(res.status, "bad_response", "The server answered without a data field");
    }
    return (json as { data: T }).data;
  }
}
