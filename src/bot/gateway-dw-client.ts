import { DWClient, type DWClientDownStream } from "dingtalk-stream";
import type WebSocket from "ws";

/** Callbacks from one SDK connection to the supervisor. */
export interface GatewayHooks {
  /** Any frame arrived (valid or not): the connection is alive. */
  onFrame(): void;
  /** The server announced it will drop this connection (`SYSTEM/disconnect`). */
  onServerDisconnect(reason: string): void;
  /** A frame could not be processed (bad JSON, missing headers). */
  onMalformedFrame(err: unknown): void;
}

/** Options for {@link GatewayDWClient}. */
export interface GatewayDWClientOptions {
  clientId: string;
  clientSecret: string;
  /** Full open-connection URL, `${DINGTALK_API_BASE}/v1.0/gateway/connections/open`. */
  gatewayUrl: string;
  ua?: string;
  /** Timeout of the open-connection POST. */
  requestTimeoutMs: number;
  fetch?: typeof fetch;
}

type SdkOpts = ConstructorParameters<typeof DWClient>[0];

/**
 * The `dingtalk-stream` DWClient with the three fixes we need and nothing re-implemented: a configurable gateway URL
 * (the SDK hard-codes api.dingtalk.com), its own reconnect logic switched off (we supervise), and frame handling that
 * reports liveness/`disconnect` and never lets a malformed frame throw out of the socket's event handler.
 * One instance serves exactly one connection; the supervisor disposes it and builds a new one to reconnect.
 */
export class GatewayDWClient extends DWClient {
  private disposed = false;

  constructor(
    private readonly gw: GatewayDWClientOptions,
    private readonly hooks: GatewayHooks,
  ) {
    // autoReconnect/subscriptions are missing from the constructor's type; a fresh subscriptions array avoids the
    // SDK's shared-default-array bug.
    super({
      clientId: gw.clientId,
      clientSecret: gw.clientSecret,
      ua: gw.ua ?? "dingtalk-pro-steward",
      keepAlive: false,
      autoReconnect: false,
      subscriptions: [],
    } as SdkOpts);
  }

  /** The live socket, if any (private in the SDK's types). */
  get webSocket(): WebSocket | undefined {
    return (this as unknown as { socket?: WebSocket }).socket;
  }

  /** Asks the gateway for a ticket and sets the WebSocket URL (replaces the SDK's hard-coded GATEWAY_URL). */
  override async getEndpoint(): Promise<this> {
    const res = await (this.gw.fetch ?? fetch)(this.gw.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua ?? "",
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(this.gw.requestTimeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { endpoint?: unknown; ticket?: unknown; code?: unknown } | null;
    if (!res.ok) throw new Error(`gateway open-connection failed: HTTP ${res.status} ${String(body?.code ?? "")}`.trim());
    if (typeof body?.endpoint !== "string" || typeof body.ticket !== "string" || !body.endpoint || !body.ticket) {
      throw new Error("gateway open-connection answered without endpoint/ticket");
    }
    const sep = body.endpoint.includes("?") ? "&" : "?";
    (this as unknown as { dw_url: string }).dw_url = `${body.endpoint}${sep}ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  /**
   * The SDK's handshake with its two noisy socket listeners swapped for quiet equivalents: 'open' (console.info
   * "connect success"; keepAlive is off so it has no other effect than `connected = true`) and 'error'
   * (console.warn + terminate). Failures reach the supervisor's structured log through the rejection instead.
   */
  override _connect(): Promise<void> {
    const opened = super._connect();
    const ws = this.webSocket;
    if (!ws) return opened;
    let lastError: unknown;
    ws.removeAllListeners("open");
    ws.removeAllListeners("error");
    ws.on("error", (err) => {
      lastError = err;
      ws.terminate();
    });
    return new Promise<void>((resolve, reject) => {
      opened.catch(reject);
      ws.once("open", () => {
        this.connected = true;
        resolve();
      });
      ws.once("close", () => reject(lastError ?? new Error("socket closed before it opened")));
    });
  }

  /** Every downstream frame passes here; the SDK's JSON.parse would otherwise crash the process on garbage. */
  override onDownStream(data: string): void {
    if (this.disposed) return;
    this.hooks.onFrame();
    try {
      super.onDownStream(data);
    } catch (err) {
      this.hooks.onMalformedFrame(err);
    }
  }

  /** Lets the SDK answer pings, and tells the supervisor about `disconnect` so it reconnects at once. */
  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream?.headers?.topic === "disconnect") {
      let reason = "";
      try {
        reason = String((JSON.parse(downstream.data ?? "{}") as { reason?: unknown }).reason ?? "");
      } catch {
        reason = "unparseable reason";
      }
      this.hooks.onServerDisconnect(reason);
    }
  }

  /** Closes the socket and drops every listener and SDK timer; idempotent. Nothing of this connection outlives it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const self = this as unknown as { userDisconnect: boolean; heartbeatIntervallId?: NodeJS.Timeout };
    self.userDisconnect = true;
    if (self.heartbeatIntervallId !== undefined) clearInterval(self.heartbeatIntervallId);
    this.connected = false;
    this.removeAllListeners();
    const ws = this.webSocket;
    if (ws) {
      ws.removeAllListeners();
      // terminate() while CONNECTING emits 'error' on the next tick; keep a sink so it cannot become uncaught.
      ws.on("error", () => undefined);
      if (ws.readyState !== ws.CLOSED) ws.terminate();
    }
  }
}
