import Router from "@koa/router";
import type { HealthService } from "../../services/health.service.js";
import type { Metrics } from "../../lib/metrics.js";

/** Liveness (/healthz: the process answers), readiness (/readyz: DB + Stream + alarms) and Prometheus /metrics. */
export function healthRoutes(health: HealthService, metrics: Metrics): Router {
  const router = new Router();
  router.get("/healthz", function liveness(ctx) {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async function readiness(ctx) {
    const r = await health.readiness();
    ctx.status = r.ready ? 200 : 503;
    ctx.body = { status: r.ready ? "ready" : "not_ready", checks: r.checks };
  });
  router.get("/metrics", async function prometheus(ctx) {
    await health.readiness();
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
