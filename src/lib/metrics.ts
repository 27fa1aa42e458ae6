import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The process-wide Prometheus registry and the steward's own metrics (exposed at /metrics). */
export function createMetrics() {
  const registry = new Registry();
  const dingtalk: { snapshot: (() => Record<string, object>) | null } = { snapshot: null };
  const apiToday: { snapshot: (() => Record<string, number>) | null } = { snapshot: null };
  collectDefaultMetrics({ register: registry, prefix: "steward_" });
  return {
    registry,
    httpRequests: new Counter({ name: "steward_http_requests_total", help: "HTTP requests by route and status", labelNames: ["method", "route", "status"] as const, registers: [registry] }),
    httpDuration: new Histogram({ name: "steward_http_request_seconds", help: "HTTP request duration", labelNames: ["method", "route"] as const, buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    streamState: new Gauge({ name: "steward_stream_connected", help: "1 when the DingTalk Stream connection is open", registers: [registry] }),
    streamReconnects: new Counter({ name: "steward_stream_reconnects_total", help: "Stream reconnect attempts", registers: [registry] }),
    botMessages: new Counter({ name: "steward_bot_messages_total", help: "Bot messages by intent and outcome", labelNames: ["intent", "outcome"] as const, registers: [registry] }),
    botClaimRetries: new Counter({ name: "steward_bot_claim_retries_total", help: "Bot message claims retried because the database failed, by result", labelNames: ["result"] as const, registers: [registry] }),
    remindersSent: new Counter({ name: "steward_reminders_sent_total", help: "Reminder deliveries settled, by notice kind, channel and status (sent, failed, skipped)", labelNames: ["kind", "channel", "status"] as const, registers: [registry] }),
    dingtalkCalls: dingtalkCallsGauge(registry, dingtalk),
    /** Points `steward_dingtalk_calls` at the DingTalk call policy's counters (read at every scrape). */
    watchDingTalk: (snapshot: () => Record<string, object>) => void (dingtalk.snapshot = snapshot),
    apiCallsToday: new Gauge({
      name: "steward_dingtalk_api_calls_today", help: "Metered DingTalk API calls of this process on the current business day, by API", labelNames: ["api"] as const, registers: [registry],
      collect() {
        this.reset();
        for (const [api, n] of Object.entries(apiToday.snapshot?.() ?? {})) this.set({ api }, n);
      },
    }),
    /** Points `steward_dingtalk_api_calls_today` at the API-call meter's count of the day (read at every scrape). */
    watchApiCallsToday: (snapshot: () => Record<string, number>) => void (apiToday.snapshot = snapshot),
    dbUp: new Gauge({ name: "steward_db_up", help: "1 when the database answered the last readiness probe", registers: [registry] }),
  };
}

/** The metrics bundle created by createMetrics. */
export type Metrics = ReturnType<typeof createMetrics>;

/** `steward_dingtalk_calls{api,outcome}`: attempts, ok, throttled, retries and failures per DingTalk API since start. */
function dingtalkCallsGauge(registry: Registry, source: { snapshot: (() => Record<string, object>) | null }): Gauge<"api" | "outcome"> {
  return new Gauge({
    name: "steward_dingtalk_calls",
    help: "DingTalk API calls since start by API and outcome (attempts, ok, throttled, retries, failures)",
    labelNames: ["api", "outcome"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [api, stats] of Object.entries(source.snapshot?.() ?? {})) for (const [outcome, n] of Object.entries(stats)) if (typeof n === "number") this.set({ api, outcome }, n);
    },
  });
}
