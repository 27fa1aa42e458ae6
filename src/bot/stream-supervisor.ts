import type { Logger } from "../lib/logger.js";
import { backoffDelay, realTimers, type TimerHandle, type Timers } from "../lib/timers.js";
import type { GatewayDWClient, GatewayHooks } from "./gateway-dw-client.js";

/** Connection state, as shown on /readyz. */
export type StreamState = "idle" | "connecting" | "open" | "backoff" | "stopped";

/** Connection counters for /metrics. */
export interface SupervisorCounters {
  connects: number;
  reconnects: number;
  connectFailures: number;
  serverDisconnects: number;
  idleReconnects: number;
  socketCloses: number;
  malformedFrames: number;
}

/** Options for {@link StreamSupervisor}. */
export interface StreamSupervisorOptions {
  /** Builds a fresh SDK client for one connection attempt. */
  createClient: (hooks: GatewayHooks) => GatewayDWClient;
  logger: Logger;
  timers?: Timers;
  random?: () => number;
  /** Backoff base (default 1000 ms: never more than one open-connection call per second) and cap (default 60 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** No frame (ping or message) for this long ⇒ the socket is a zombie; reconnect (default 90 s). */
  idleTimeoutMs?: number;
  /**
   * Floor between two connect attempts even for "reconnect at once" (disconnect frame, idle): a server that drops
   * every new connection cannot make us call open-connection more than once per this (default 1000 ms).
   */
  minReconnectIntervalMs?: number;
  /** Ticket request + WebSocket handshake must finish within this (default 15 s). */
  connectTimeoutMs?: number;
  onStateChange?: (state: StreamState) => void;
}

/**
 * Owns the Stream connection lifecycle instead of the SDK (whose 2.1.5 reconnect logic storms and leaks):
 * exactly one connect in flight, exponential backoff with jitter capped at 60 s, immediate reconnect on
 * `SYSTEM/disconnect`, an idle watchdog, and full disposal of the previous SDK client (socket, listeners, timers)
 * before the next one is built.
 */
export class StreamSupervisor {
  private readonly timers: Timers;
  private readonly random: () => number;
  private current: GatewayDWClient | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private attempt = 0;
  private generation = 0;
  private lastFrameAt = 0;
  private lastConnectStartedAt = Number.NEGATIVE_INFINITY;
  private everConnected = false;
  /** A disconnect arrived while its connection was still being set up: reconnect once that attempt settles. */
  private reconnectAfterConnect = false;
  private _state: StreamState = "idle";
  readonly counters: SupervisorCounters = {
    connects: 0,
    reconnects: 0,
    connectFailures: 0,
    serverDisconnects: 0,
    idleReconnects: 0,
    socketCloses: 0,
    malformedFrames: 0,
  };

  constructor(private readonly opts: StreamSupervisorOptions) {
    this.timers = opts.timers ?? realTimers;
    this.random = opts.random ?? Math.random;
  }

  /** Current state. */
  get state(): StreamState {
    return this._state;
  }

  /** Starts connecting (no-op unless idle). */
  start(): void {
    if (this._state !== "idle") return;
    this.connectNow();
  }

  /** Stops for good: cancels timers, closes the socket, waits for an in-flight connect to settle. */
  async stop(): Promise<void> {
    this.setState("stopped");
    this.clearRetry();
    this.retire();
    await this.connecting?.catch(() => undefined);
  }

  private connectNow(): void {
    if (this._state === "stopped" || this.connecting) return;
    this.clearRetry();
    this.setState("connecting");
    const gen = ++this.generation;
    this.lastConnectStartedAt = this.timers.now();
    this.connecting = this.connectOnce(gen).finally(() => {
      this.connecting = null;
      if (this.reconnectAfterConnect) {
        this.reconnectAfterConnect = false;
        this.reconnectSoon();
      }
    });
  }

  private async connectOnce(gen: number): Promise<void> {
    const client = this.opts.createClient(this.hooksFor(gen));
    const timeoutMs = this.opts.connectTimeoutMs ?? 15_000;
    let timer: TimerHandle | null = null;
    let abandoned = false;
    try {
      await Promise.race([
        (async () => {
          await client.getEndpoint();
          if (abandoned || this.isStale(gen)) throw new Error("connect abandoned");
          await client._connect();
        })(),
        new Promise<never>((_, reject) => {
          timer = this.timers.setTimeout(() => reject(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      abandoned = true;
      client.dispose();
      if (this.isStale(gen)) return;
      this.counters.connectFailures += 1;
      this.opts.logger.warn({ err: errText(err), attempt: this.attempt }, "dingtalk stream: connect failed");
      this.scheduleRetry();
      return;
    } finally {
      if (timer) this.timers.clearTimeout(timer);
    }
    if (this.isStale(gen)) {
      client.dispose();
      return;
    }
    this.current = client;
    const ws = client.webSocket;
    ws?.once("close", () => this.onSocketClosed(gen));
    this.counters.connects += 1;
    if (this.everConnected) this.counters.reconnects += 1;
    this.everConnected = true;
    this.lastFrameAt = this.timers.now();
    this.setState("open");
    this.armWatchdog(gen);
    this.opts.logger.info({ reconnects: this.counters.reconnects }, "dingtalk stream: connected");
    if (!ws || ws.readyState === ws.CLOSING || ws.readyState === ws.CLOSED) this.onSocketClosed(gen);
  }

  private hooksFor(gen: number): GatewayHooks {
    return {
      onFrame: () => {
        if (gen !== this.generation) return;
        this.lastFrameAt = this.timers.now();
        this.attempt = 0;
      },
      onServerDisconnect: (reason) => {
        if (this.isStale(gen)) return;
        this.counters.serverDisconnects += 1;
        this.opts.logger.info({ reason }, "dingtalk stream: server sent disconnect, reconnecting now");
        this.reconnectNow();
      },
      onMalformedFrame: (err) => {
        this.counters.malformedFrames += 1;
        this.opts.logger.warn({ err: errText(err) }, "dingtalk stream: dropped a malformed frame");
      },
    };
  }

  /** Drops the current connection and connects again without backoff (rate floor and in-flight attempt permitting). */
  private reconnectNow(): void {
    this.retire();
    this.clearRetry();
    this.reconnectSoon();
  }

  private reconnectSoon(): void {
    if (this._state === "stopped") return;
    if (this.connecting) {
      this.reconnectAfterConnect = true;
      return;
    }
    const floor = this.opts.minReconnectIntervalMs ?? 1000;
    if (this.timers.now() - this.lastConnectStartedAt >= floor) this.connectNow();
    else this.scheduleRetry();
  }

  private onSocketClosed(gen: number): void {
    if (this.isStale(gen)) return;
    this.counters.socketCloses += 1;
    this.opts.logger.warn({}, "dingtalk stream: socket closed");
    this.retire();
    this.scheduleRetry();
  }

  private armWatchdog(gen: number): void {
    const idle = this.opts.idleTimeoutMs ?? 90_000;
    const tick = Math.max(10, Math.floor(idle / 3));
    this.watchdog = this.timers.setTimeout(() => {
      this.watchdog = null;
      if (this.isStale(gen) || this._state !== "open") return;
      if (this.timers.now() - this.lastFrameAt >= idle) {
        this.counters.idleReconnects += 1;
        this.opts.logger.warn({ idleMs: idle }, "dingtalk stream: no frame within the idle timeout, reconnecting");
        this.reconnectNow();
        return;
      }
      this.armWatchdog(gen);
    }, tick);
  }

  private scheduleRetry(): void {
    if (this._state === "stopped" || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++, this.opts.backoffBaseMs ?? 1000, this.opts.backoffMaxMs ?? 60_000, this.random);
    this.setState("backoff");
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      // The attempt that scheduled this retry may still be unwinding; never drop the retry.
      if (this.connecting) this.reconnectAfterConnect = true;
      else this.connectNow();
    }, delay);
  }

  /** Disposes the current connection (if any) and invalidates its callbacks. */
  private retire(): void {
    this.generation += 1;
    if (this.watchdog) this.timers.clearTimeout(this.watchdog);
    this.watchdog = null;
    this.current?.dispose();
    this.current = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private isStale(gen: number): boolean {
    return this._state === "stopped" || gen !== this.generation;
  }

  private setState(s: StreamState): void {
    if (this._state === s || this._state === "stopped") return;
    this._state = s;
    this.opts.onStateChange?.(s);
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
