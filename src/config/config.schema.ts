import { z } from "zod";
import { RemindersSchema } from "./reminders.schema.js";

/** One allowlist entry: a DingTalk userId / openConversationId-like token, no spaces or separators. */
const idToken = z.string().regex(/^[A-Za-z0-9_\-@.+=$/]{1,128}$/, "must be letters, digits or _-@.+=$/ (no spaces)");

/** Splits a comma-separated list, dropping blanks. */
const commaList = (item: z.ZodString) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item));

/** A URL with an http(s) scheme, without a trailing slash. */
const httpBase = z
  .string()
  .url("must be a URL such as https://api.dingtalk.com")
  .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
  .transform((u) => u.replace(/\/+$/, ""));

/** A valid IANA time zone name. */
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

/** The environment variables the steward reads: a public interface (operators and outside tests rely on the names). */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int("must be an integer").min(0).max(65535, "must be a port number 0-65535").default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (u) => !u || /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(u),
      "must start with sqlite:, mysql:// or mariadb:// (leave unset for the embedded SQLite file)",
    ),
  DINGTALK_CLIENT_ID: z.string().optional(),
  DINGTALK_CLIENT_SECRET: z.string().optional(),
  DINGTALK_CORP_ID: z.string().optional(),
  DINGTALK_ROBOT_CODE: z.string().optional(),
  DINGTALK_API_BASE: httpBase.default("https://api.dingtalk.com"),
  DINGTALK_OAPI_BASE: httpBase.default("https://oapi.dingtalk.com"),
  STEWARD_TIMEZONE: timeZone.default("Asia/Shanghai"),
  STEWARD_ADMIN_USERIDS: commaList(idToken),
  STEWARD_ADMIN_GROUPS: commaList(idToken),
  STEWARD_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  STEWARD_SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  STEWARD_PUBLIC_URL: httpBase.optional(),
  STEWARD_CONFIG_FILE: z.string().optional(),
  STEWARD_INSTANCE_ID: z.string().optional(),
  STEWARD_DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** Parsed environment. */
export type Env = z.infer<typeof EnvSchema>;

/** Settings from `config/defaults.json` (+ optional overrides file). Sections are strict so typos are caught. */
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
  .passthrough();

/** Parsed settings file. */
export type Settings = z.infer<typeof SettingsSchema>;
