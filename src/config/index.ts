/** Configuration entry point: `loadConfig(env)`, the `.env` reader and the Config types. */
export { loadConfig, describeConfig, ConfigError, type Config, type DatabaseConfig, type DingTalkConfig } from "./load-config.js";
export { loadEnvFile } from "./load-env-file.js";
export type { Settings } from "./config.schema.js";
