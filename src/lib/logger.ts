import { createRequire } from "node:module";
import { pino, type Logger } from "pino";

/** Paths whose values are never written to logs, whatever the level. */
export const REDACT_PATHS = [
  "clientSecret", "*.clientSecret", "secret", "*.secret", "password", "*.password", "token", "*.token",
  "accessToken", "*.accessToken", "authorization", "*.authorization", "headers.authorization",
  "req.headers.authorization", "sessionWebhook", "*.sessionWebhook", "appSecret", "*.appSecret",
];

/** How log lines look: JSON lines (for machines, the default) or readable lines (pino-pretty, for a person). */
export type LogFormat = "json" | "pretty";

/** LOG_FORMAT when set; otherwise readable lines on a terminal and JSON lines everywhere else (files, pipes, containers). */
export function logFormatFor(setting: LogFormat | undefined, stdoutIsTty: boolean = Boolean(process.stdout.isTTY)): LogFormat {
  return setting ?? (stdoutIsTty ? "pretty" : "json");
}

/** pino-pretty, loaded only when readable lines are asked for (a CommonJS package, so `require` keeps this sync). */
function prettyStream(destination: pino.DestinationStream | undefined): pino.DestinationStream {
  const pretty = createRequire(import.meta.url)("pino-pretty") as (o: Record<string, unknown>) => pino.DestinationStream;
  return pretty({
    destination: destination ?? 1, sync: true, colorize: destination ? false : Boolean(process.stdout.isTTY),
    translateTime: "SYS:yyyy-mm-dd HH:MM:ss.l", ignore: "pid,hostname,svc", singleLine: false,
  });
}

/** Creates the process logger, secrets redacted: JSON lines, or readable lines with `format` "pretty". */
export function createLogger(level: string = "info", destination?: pino.DestinationStream, format: LogFormat = "json"): Logger {
  const options = { level, base: { svc: "steward" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return pino(options, format === "pretty" ? prettyStream(destination) : destination);
}

/** A logger that writes nothing (tests, CLI sub-commands that print their own output). */
export const silentLogger: Logger = pino({ level: "silent" });

export type { Logger };
