import Router from "@koa/router";
import type { HealthService } from "../../services/health.service.js";
import type { Metrics } from "../../lib/metrics.js";

/** How old a database probe /healthz may reuse: health checks stay cheap, and an outage shows within seconds. */
const LIVENESS_PROBE_MAX_AGE_MS = 5000;

/**
 * Liveness (/healthz: the process answers, always 200 so an orchestrator does not restart it during a database
 * outage, but it says whether the database is up), readiness (/readyz: DB + Stream + alarms; 503 when not ready)
 * and Prometheus /metrics; `/` redirects to the workbench page (302, keeping the query, e.g. `?corpId=`).
 */
export function healthRoutes(health: HealthService, metrics: Metrics): Router {
  const router = new Router();
  router.get("/", function home(ctx) {
    ctx.redirect(`/mini-app/${ctx.querystring ? `?${ctx.querystring}` : ""}`);
  });
  router.get("/healthz", async function liveness(ctx) {
    ctx.body = { status: "ok", database: (await health.databaseUp(LIVENESS_PROBE_MAX_AGE_MS)) ? "up" : "down" };
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
