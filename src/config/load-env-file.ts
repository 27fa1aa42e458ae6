import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./load-config.js";

/**
 * Reads `.env` from `dir` (the working directory) into process.env when the file exists, with Node's own parser
 * (`process.loadEnvFile`): variables already in the environment win, and `NAME=` lines mean unset (loadConfig drops
 * empty values). Returns the file's absolute path, for the caller to log, or null when there is none. Both entry
 * points (service and CLI) call it before `loadConfig`; throws ConfigError when the file exists but cannot be read.
 */
export function loadEnvFile(dir: string = process.cwd()): string | null {
  const file = resolve(dir, ".env");
  if (!existsSync(file)) return null;
  try {
    process.loadEnvFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError([`${file} cannot be read (${reason}); make it a readable file of NAME=value lines, or remove it`]);
  }
  return file;
}
