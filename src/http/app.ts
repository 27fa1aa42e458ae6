import Koa from "koa";
import type Router from "@koa/router";
import type { Logger } from "../lib/logger.js";
import type { Metrics } from "../lib/metrics.js";
import type { HealthService } from "../services/health.service.js";
import { compression } from "./middleware/compression.middleware.js";
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
  /**
   * How many reverse proxies in front of the service to believe (STEWARD_TRUST_PROXY): 0 = none, X-Forwarded-* are
   * ignored and the client address is the socket's; N = the client address is the N-th X-Forwarded-For entry from the
   * right (each trusted proxy appends one), so entries a client made up are never used.
   */
  trustProxyHops?: number;
}

/**
 * Builds the Koa application: request context → security headers → error mapping → compression → static files → routes. The
 * headers wrap the error mapper, so every answer (404, 413, 429, 5xx) gets them. No listening here.
 */
export function createHttpApp(deps: HttpDeps): Koa {
  const hops = deps.trustProxyHops ?? 0;
  const app = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  app.silent = true;
  app.use(requestContext(deps.log, deps.metrics));
  app.use(securityHeaders);
  app.use(errorMapper(deps.log));
  app.use(compression);
  for (const mw of deps.middleware ?? []) app.use(mw);
  for (const router of [healthRoutes(deps.health, deps.metrics), ...(deps.routers ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
