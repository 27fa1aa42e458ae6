import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The process-wide Prometheus registry and the steward's own metrics (exposed at /metrics). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "steward_" });
  return {
    registry,
    httpRequests: new Counter({ name: "steward_http_requests_total", help: "HTTP requests by route and status", labelNames: ["method", "route", "status"] as const, registers: [registry] }),
    httpDuration: new Histogram({ name: "steward_http_request_seconds", help: "HTTP request duration", labelNames: ["method", "route"] as const, buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    streamState: new Gauge({ name: "steward_stream_connected", help: "1 when the DingTalk Stream connection is open", registers: [registry] }),
    streamReconnects: new Counter({ name: "steward_stream_reconnects_total", help: "Stream reconnect attempts", registers: [registry] }),
    botMessages: new Counter({ name: "steward_bot_messages_total", help: "Bot messages by outcome", labelNames: ["outcome"] as const, registers: [registry] }),
    remindersSent: new Counter({ name: "steward_reminders_sent_total", help: "Reminder deliveries by channel and status", labelNames: ["channel", "status"] as const, registers: [registry] }),
    dbUp: new Gauge({ name: "steward_db_up", help: "1 when the database answered the last readiness probe", registers: [registry] }),
  };
}

/** The metrics bundle created by createMetrics. */
export type Metrics = ReturnType<typeof createMetrics>;
