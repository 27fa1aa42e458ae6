import { EventAck, TOPIC_ROBOT, type DWClientDownStream, type EventAckData } from "dingtalk-stream";
import { silentLogger, type Logger } from "../lib/logger.js";
import { realTimers, sleep, type Timers } from "../lib/timers.js";
import { GatewayDWClient } from "./gateway-dw-client.js";
import { parseRobotMessage, type RobotMessage, type RobotMessageMeta } from "./robot-message.js";
import { StreamSupervisor, type StreamState, type StreamSupervisorOptions, type SupervisorCounters } from "./stream-supervisor.js";

/** Options for {@link DingTalkStreamClient}; reconnect timing options are the supervisor's. */
export interface StreamClientOptions extends Omit<StreamSupervisorOptions, "createClient" | "logger"> {
  clientId: string;
  clientSecret: string;
  /** `${DINGTALK_API_BASE}/v1.0/gateway/connections/open` (Config.dingtalk.gatewayUrl). */
  gatewayUrl: string;
  /**
   * Dedupe port: resolves true for the first claim of a msgId across all instances (e.g. a unique insert into
   * processed_messages), false for a redelivery or a message another instance took. Omit it when the handler claims
   * (the bot pipeline does, retrying while the database is down); then every delivery is handed over.
   */
  claimMessage?: (msgId: string) => Promise<boolean>;
  /** The bot pipeline. Called asynchronously after the ACK, at most once per claimed msgId (when `claimMessage` is set). */
  onMessage: (message: RobotMessage, meta: RobotMessageMeta) => Promise<void> | void;
  /**
   * Org events (`type: "EVENT"`, subscribed as topic `*`): called after the SDK's synchronous SUCCESS ACK with the
   * frame's headers (eventType, eventId, eventCorpId…) and its `data` string. Omit it to subscribe to no events.
   */
  onEvent?: (headers: Record<string, unknown>, data: string) => Promise<void> | void;
  logger?: Logger;
  ua?: string;
  /** Timeout of the open-connection POST (default 10 s). */
  requestTimeoutMs?: number;
  /** How long `stop()` waits for running handlers (default 10 s). */
  drainTimeoutMs?: number;
  /**
   * Robot messages handled at once (default 16). The rest are ACKed at once and wait in arrival order, so a burst
   * costs a queue of small messages instead of thousands of concurrent handlers holding memory and the database.
   */
  maxConcurrentMessages?: number;
  fetch?: typeof fetch;
}

/** Counters for /readyz and /metrics. `errors` sums every failure kind. */
export interface StreamCounters extends SupervisorCounters {
  acked: number;
  messages: number;
  duplicates: number;
  invalidMessages: number;
  ackFailures: number;
  claimErrors: number;
  handlerErrors: number;
  /** Org events received (each ACKed at once). */
  events: number;
  errors: number;
}

/**
 * The DingTalk robot's Stream-mode receiver: an adapter over `dingtalk-stream`'s DWClient with our own supervisor.
 * Each robot callback is ACKed immediately on the socket it came on, then — off the socket loop — claimed through
 * `claimMessage` when one is given (redeliveries and other instances' messages are dropped) and handed to `onMessage`. Handler errors
 * and malformed frames are counted and logged, never thrown into the socket.
 */
export class DingTalkStreamClient {
  private readonly supervisor: StreamSupervisor;
  private readonly timers: Timers;
  private readonly log: Logger;
  private readonly inflight = new Set<Promise<void>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly c = {
    acked: 0,
    messages: 0,
    duplicates: 0,
    invalidMessages: 0,
    ackFailures: 0,
    claimErrors: 0,
    handlerErrors: 0,
    events: 0,
  };

  constructor(private readonly opts: StreamClientOptions) {
    this.timers = opts.timers ?? realTimers;
    this.log = opts.logger ?? silentLogger;
    this.supervisor = new StreamSupervisor({
      logger: this.log,
      timers: this.timers,
      random: opts.random,
      backoffBaseMs: opts.backoffBaseMs,
      backoffMaxMs: opts.backoffMaxMs,
      idleTimeoutMs: opts.idleTimeoutMs,
      minReconnectIntervalMs: opts.minReconnectIntervalMs,
      connectTimeoutMs: opts.connectTimeoutMs,
      onStateChange: opts.onStateChange,
      createClient: (hooks) => {
        const client = new GatewayDWClient(
          {
            clientId: opts.clientId,
            clientSecret: opts.clientSecret,
            gatewayUrl: opts.gatewayUrl,
            ua: opts.ua,
            requestTimeoutMs: opts.requestTimeoutMs ?? 10_000,
            fetch: opts.fetch,
          },
          hooks,
        );
        client.registerCallbackListener(TOPIC_ROBOT, (frame) => this.onRobotFrame(client, frame));
        if (opts.onEvent) {
          client.config.subscriptions.push({ type: "EVENT", topic: "*" });
          client.registerAllEventListener((frame) => this.onEventFrame(frame));
        }
        return client;
      },
    });
  }

  /** Connection state: idle | connecting | open | backoff | stopped. */
  get state(): StreamState {
    return this.supervisor.state;
  }

  /** Handlers currently running. */
  get inFlight(): number {
    return this.inflight.size;
  }

  /** Snapshot of all counters. */
  get counters(): StreamCounters {
    const s = this.supervisor.counters;
    const errors = s.connectFailures + s.malformedFrames + this.c.invalidMessages + this.c.ackFailures + this.c.claimErrors + this.c.handlerErrors;
    return { ...s, ...this.c, errors };
  }

  /** Opens the Stream connection and keeps it open until `stop()`. */
  start(): void {
    this.supervisor.start();
  }

  /** Closes the connection, cancels every timer, then waits (bounded) for running handlers. */
  async stop(): Promise<void> {
    await this.supervisor.stop();
    if (this.inflight.size === 0) return;
    await Promise.race([Promise.allSettled([...this.inflight]), sleep(this.timers, this.opts.drainTimeoutMs ?? 10_000)]);
  }

  private onRobotFrame(client: GatewayDWClient, frame: DWClientDownStream): void {
    const receivedAt = this.timers.now();
    const messageId = typeof frame?.headers?.messageId === "string" ? frame.headers.messageId : "";
    if (messageId) {
      try {
        client.socketCallBackResponse(messageId, null);
        this.c.acked += 1;
      } catch (err) {
        this.c.ackFailures += 1;
        this.log.warn({ err: (err as Error).message }, "dingtalk stream: ACK failed");
      }
    }
    const message = parseRobotMessage(frame?.data);
    if (!message) {
      this.c.invalidMessages += 1;
      this.log.warn({ messageId }, "dingtalk stream: robot callback without a usable message, dropped");
      return;
    }
    const task = this.inTurn(() => this.handle(message, { messageId, receivedAt }));
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /** The SDK sends the returned ACK synchronously; the handler runs afterwards, off the socket loop. */
  private onEventFrame(frame: DWClientDownStream): EventAckData {
    this.c.events += 1;
    const onEvent = this.opts.onEvent;
    const headers = (frame?.headers ?? {}) as unknown as Record<string, unknown>;
    if (onEvent) {
      const task = Promise.resolve()
        .then(() => onEvent(headers, typeof frame?.data === "string" ? frame.data : ""))
        .catch((err: unknown) => {
          this.c.handlerErrors += 1;
          this.log.error({ err: (err as Error)?.message, eventType: headers.eventType }, "dingtalk stream: event handler failed; the event was ACKed and is not applied (apply it by hand)");
        });
      this.inflight.add(task);
      void task.finally(() => this.inflight.delete(task));
    }
    return { status: EventAck.SUCCESS, message: "success" };
  }

  /** Runs `fn` once fewer than `maxConcurrentMessages` handlers are running, in arrival order. */
  private async inTurn(fn: () => Promise<void>): Promise<void> {
    if (this.running >= (this.opts.maxConcurrentMessages ?? 16)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      await fn();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private async handle(message: RobotMessage, meta: RobotMessageMeta): Promise<void> {
    const claim = this.opts.claimMessage;
    let claimed = true;
    try {
      if (claim) claimed = await Promise.resolve().then(() => claim(message.msgId));
    } catch (err) {
      this.c.claimErrors += 1;
      this.log.error({ err: (err as Error).message, msgId: message.msgId }, "dingtalk stream: could not claim message, dropped");
      return;
    }
    if (!claimed) {
      this.c.duplicates += 1;
      this.log.debug({ msgId: message.msgId }, "dingtalk stream: duplicate delivery dropped");
      return;
    }
    this.c.messages += 1;
    try {
      await this.opts.onMessage(message, meta);
    } catch (err) {
      this.c.handlerErrors += 1;
      this.log.error({ err: (err as Error)?.message, msgId: message.msgId }, "dingtalk stream: message handler failed");
    }
  }
}
