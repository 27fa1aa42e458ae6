/** Configuration entry point: `loadConfig(env)` and the Config types. */
export { loadConfig, describeConfig, ConfigError, type Config, type DatabaseConfig, type DingTalkConfig } from "./load-config.js";
export type { Settings } from "./config.schema.js";
