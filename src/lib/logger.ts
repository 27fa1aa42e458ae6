import { pino, type Logger } from "pino";

/** Paths whose values are never written to logs, whatever the level. */
export const REDACT_PATHS = [
  "clientSecret", "*.clientSecret", "secret", "*.secret", "password", "*.password", "token", "*.token",
  "accessToken", "*.accessToken", "authorization", "*.authorization", "headers.authorization",
  "req.headers.authorization", "sessionWebhook", "*.sessionWebhook", "appSecret", "*.appSecret",
];

/** Creates the process logger: JSON lines, secrets redacted. */
export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { svc: "steward" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination);
}

/** A logger that writes nothing (tests, CLI sub-commands that print their own output). */
export const silentLogger: Logger = pino({ level: "silent" });

export type { Logger };
