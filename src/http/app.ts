import Koa from "koa";
import type Router from "@koa/router";
import type { Logger } from "../lib/logger.js";
import type { Metrics } from "../lib/metrics.js";
import type { HealthService } from "../services/health.service.js";
import { errorMapper } from "./middleware/error-mapper.middleware.js";
import { requestContext } from "./middleware/request-context.middleware.js";
import { securityHeaders } from "./middleware/security-headers.middleware.js";
import { healthRoutes } from "./routes/health.route.js";

/** What the HTTP edge needs: services and cross-cutting helpers, never the database. */
export interface HttpDeps {
  log: Logger;
  metrics: Metrics;
  health: HealthService;
  /** Extra routers (API, mini-app) mounted after the health routes. */
  routers?: Router[];
  /** Extra middleware mounted before the routers (static files). */
  middleware?: Koa.Middleware[];
}

/** Builds the Koa application: request context → error mapping → security headers → routes. No listening here. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.silent = true;
  app.use(requestContext(deps.log, deps.metrics));
  app.use(errorMapper(deps.log));
  app.use(securityHeaders);
  for (const mw of deps.middleware ?? []) app.use(mw);
  for (const router of [healthRoutes(deps.health, deps.metrics), ...(deps.routers ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
