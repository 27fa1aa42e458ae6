import { z } from "zod";
import { RemindersSchema } from "./reminders.schema.js";

/** One allowlist entry: a DingTalk userId / openConversationId-like token, no spaces or separators. */
const ID_TOKEN = /^[A-Za-z0-9_\-@.+=$/]{1,128}$/;

/** Splits a comma-separated list, dropping blanks; names each entry that is not an id. */
const commaList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const items = (s ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    for (const bad of items.filter((x) => !ID_TOKEN.test(x))) {
      ctx.addIssue({ code: "custom", message: `entry ${JSON.stringify(bad)} must be letters, digits or _-@.+=$/ (no spaces); separate entries with commas` });
    }
    return items;
  });

/** A URL with an http(s) scheme, without a trailing slash; one message whatever is wrong with it. */
const httpBase = (example: string) =>
  z
    .string()
    .refine((u) => {
      try {
        return /^https?:$/.test(new URL(u).protocol);
      } catch {
        return false;
      }
    }, `must be an http:// or https:// URL such as ${example}`)
    .transform((u) => u.replace(/\/+$/, ""));

/** A valid IANA time zone name. */
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, { error: (iss) => `must be an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(iss.input)}` });

/** A TCP port: digits only, 1-65535 (0 = any free port, for tests). */
const port = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return 3000;
    const n = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (n >= 0 && n <= 65535) return n;
    ctx.addIssue({ code: "custom", message: `must be a whole number between 1 and 65535, got ${JSON.stringify(raw)}` });
    return z.NEVER;
  });

/**
 * How many reverse proxies to trust for X-Forwarded-For/-Proto/-Host: unset or false/0 = none (the socket address
 * is the client), true/1 = one, N = N proxies in a chain.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const v = (raw ?? "false").trim().toLowerCase();
    if (v === "false") return 0;
    if (v === "true") return 1;
    if (/^\d{1,2}$/.test(v) && Number(v) <= 10) return Number(v);
    ctx.addIssue({ code: "custom", message: `must be false, true (one proxy) or the number of proxies in front of the steward (0-10), got ${JSON.stringify(raw)}` });
    return z.NEVER;
  });

/** One of a few words, echoing the wrong one. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `must be one of ${values.join(", ")}, got ${JSON.stringify(iss.input)}` });

/**
 * The environment variables the steward reads: a public interface (operators and outside tests rely on the names).
 * Messages follow the variable's name ("PORT must be …") and never echo a secret. Empty values are removed before
 * parsing (load-config), so `NAME=` means unset.
 */
export const EnvSchema = z.object({
  PORT: port,
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (u) => !u || /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(u),
      "must start with sqlite:, mysql:// or mariadb:// (leave it unset for the embedded SQLite file)",
    ),
  DINGTALK_CLIENT_ID: z.string().optional(),
  DINGTALK_CLIENT_SECRET: z.string().optional(),
  DINGTALK_CORP_ID: z.string().optional(),
  DINGTALK_ROBOT_CODE: z.string().optional(),
  DINGTALK_API_BASE: httpBase("https://api.dingtalk.com").default("https://api.dingtalk.com"),
  DINGTALK_OAPI_BASE: httpBase("https://oapi.dingtalk.com").default("https://oapi.dingtalk.com"),
  STEWARD_TIMEZONE: timeZone.default("Asia/Shanghai"),
  STEWARD_ADMIN_USERIDS: commaList,
  STEWARD_ADMIN_GROUPS: commaList,
  STEWARD_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters; generate one with `openssl rand -hex 16`").optional(),
  STEWARD_SESSION_SECRET: z.string().min(32, "must be at least 32 characters; generate one with `openssl rand -hex 32`").optional(),
  STEWARD_PUBLIC_URL: httpBase("https://steward.example.com").optional(),
  STEWARD_TRUST_PROXY: trustProxy,
  STEWARD_CONFIG_FILE: z.string().optional(),
  STEWARD_INSTANCE_ID: z.string().optional(),
  STEWARD_DEMO_SEED: oneOf(["auto", "off"]).default("auto"),
  LOG_LEVEL: oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: oneOf(["json", "pretty"]).optional(),
});

/** Parsed environment. */
export type Env = z.infer<typeof EnvSchema>;

/** Settings from `config/defaults.json` (+ optional overrides file). Strict at every level so typos are caught. */
export const SettingsSchema = z
  .object({
    $comment: z.string().optional(),
    http: z
      .object({ bodyLimitKb: z.number().int().positive(), uploadLimitMb: z.number().positive(), overviewCacheMs: z.number().int().nonnegative().max(60_000) })
      .strict(),
    dingtalk: z
      .object({
        qps: z.number().positive().max(1000),
        timeoutMs: z.number().int().positive(),
        adminCacheSeconds: z.number().int().nonnegative(),
      })
      .strict(),
    session: z
      .object({
        ttlMinutes: z.number().int().positive().max(24 * 60),
        adminLevels: z.array(z.enum(["super", "sub", "boss"])).min(1),
        createPerMinutePerIp: z.number().int().positive(),
      })
      .strict(),
    dataRetention: z
      .object({
        chatHistoryDays: z.number().int().positive(),
        driveGraceDays: z.number().int().nonnegative(),
        freeStorageGb: z.number().nonnegative(),
      })
      .strict(),
    reminders: RemindersSchema,
  })
  .strict();

/** Parsed settings file. */
export type Settings = z.infer<typeof SettingsSchema>;
