import type { DataSource } from "typeorm";
import type { Config } from "../config/index.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";

/** What every use case may depend on; passed once to createServices. */
export interface ServiceDeps {
  ds: DataSource;
  clock: Clock;
  log: Logger;
  config: Config;
}
