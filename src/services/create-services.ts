import type { ServiceDeps } from "./service-deps.js";

/** All use cases, bound to their dependencies once. Edges (http, bot, jobs, cli) only ever see this object. */
export function createServices(deps: ServiceDeps) {
  return {
    deps,
  };
}

/** The bound use cases. */
export type Services = ReturnType<typeof createServices>;
