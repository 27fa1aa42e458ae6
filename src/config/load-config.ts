import { readFileSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "./project-paths.js";
import { EnvSchema, SettingsSchema, type Env, type Settings } from "./config.schema.js";

/** Where the database lives: the embedded SQLite file, or a MySQL/MariaDB server. */
export type DatabaseConfig =
  | { kind: "sqlite"; file: string }
  | { kind: "mysql"; flavor: "mysql" | "mariadb" | "auto"; url: string };

/** DingTalk app credentials; absent in demo mode. */
export interface DingTalkConfig {
  clientId: string;
  clientSecret: string;
  corpId: string | null;
  robotCode: string;
  apiBase: string;
  oapiBase: string;
  gatewayUrl: string;
}

/** The whole, validated, frozen configuration handed to main.ts. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Null in demo mode (no credentials): no Stream connection, messages go to the outbox table and the log. */
  dingtalk: DingTalkConfig | null;
  apiBase: string;
  oapiBase: string;
  demo: boolean;
  timezone: string;
  admins: { userIds: string[]; groups: string[]; token: string | null };
  sessionSecret: string | null;
  publicUrl: string | null;
  instanceId: string | null;
  /** Reverse proxies trusted for X-Forwarded-For (STEWARD_TRUST_PROXY); 0 = the socket address is the client. */
  trustProxyHops: number;
  demoSeed: "auto" | "off";
  logLevel: Env["LOG_LEVEL"];
  /** LOG_FORMAT; unset = readable lines on a terminal, JSON lines elsewhere. */
  logFormat: Env["LOG_FORMAT"];
  settings: Settings;
}

/** Thrown with every problem found, so the operator can fix them all at once. Never contains secret values. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const DEFAULTS_FILE = projectPath("config", "defaults.json");

/** Deep-merges plain objects (arrays and scalars from `over` replace). */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function readJson(file: string, problems: string[], fix: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    problems.push(`config file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ${fix}`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`config file ${file} must hold one JSON object ({ "section": { … } })`);
  } catch (err) {
    problems.push(`config file ${file} is not valid JSON (${(err as Error).message}); fix the file`);
  }
  return {};
}

/** Settings problems as `settings.a.b: message`; each unknown key on a line of its own. */
function settingsIssues(err: z.ZodError): string[] {
  return err.issues.flatMap((i) => {
    const at = ["settings", ...i.path.map(String)].join(".");
    if (i.code === "unrecognized_keys") return i.keys.map((k) => `${at}.${k}: unknown setting; remove it or fix its spelling`);
    return [`${at}: ${i.message}`];
  });
}

/** Environment problems as `NAME message` (messages are written to follow the variable's name). */
function envIssues(err: z.ZodError): string[] {
  return err.issues.map((i) => `${String(i.path[0] ?? "environment")} ${i.message}`);
}

/** The environment without empty values: `NAME=` (as in a copied .env.example) means unset. */
function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
}

/** DingTalk credentials come in pairs: both or neither (an empty one counts as missing). */
function credentialProblems(env: NodeJS.ProcessEnv, raw: NodeJS.ProcessEnv): string[] {
  const hasId = Boolean(env.DINGTALK_CLIENT_ID);
  if (hasId === Boolean(env.DINGTALK_CLIENT_SECRET)) return [];
  const [missing, present] = hasId ? ["DINGTALK_CLIENT_SECRET", "DINGTALK_CLIENT_ID"] : ["DINGTALK_CLIENT_ID", "DINGTALK_CLIENT_SECRET"];
  const empty = raw[missing] !== undefined ? " (it is empty)" : "";
  return [`${missing} is required when ${present} is set${empty}; set both, or neither for demo mode`];
}

function databaseFrom(url: string | undefined): DatabaseConfig {
  if (!url) return { kind: "sqlite", file: "data/steward.sqlite" };
  if (url.startsWith("sqlite:")) return { kind: "sqlite", file: url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "") || ":memory:" };
  if (url.startsWith("mariadb://")) return { kind: "mysql", flavor: "mariadb", url: url.replace(/^mariadb:/, "mysql:") };
  return { kind: "mysql", flavor: "auto", url };
}

/**
 * Validates the environment and the settings files and returns a frozen Config, or throws ConfigError listing
 * every problem. Takes the environment as a parameter so tests never mutate process.env.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env, defaultsFile = DEFAULTS_FILE): Config {
  const problems: string[] = [];
  const env = withoutEmpty(rawEnv);
  const parsedEnv = EnvSchema.safeParse(env);
  if (!parsedEnv.success) problems.push(...envIssues(parsedEnv.error));
  problems.push(...credentialProblems(env, rawEnv));

  let rawSettings = readJson(defaultsFile, problems, "restore it from the release (it ships with the steward)");
  const overrideFile = env.STEWARD_CONFIG_FILE;
  if (overrideFile) rawSettings = deepMerge(rawSettings, readJson(overrideFile, problems, "fix the path in STEWARD_CONFIG_FILE or unset it"));
  const parsedSettings = SettingsSchema.safeParse(rawSettings);
  if (!parsedSettings.success) problems.push(...settingsIssues(parsedSettings.error));

  if (problems.length > 0 || !parsedEnv.success || !parsedSettings.success) throw new ConfigError(problems);

  const e = parsedEnv.data;
  const dingtalk: DingTalkConfig | null =
    e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
      ? {
          clientId: e.DINGTALK_CLIENT_ID,
          clientSecret: e.DINGTALK_CLIENT_SECRET,
          corpId: e.DINGTALK_CORP_ID ?? null,
          robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
          apiBase: e.DINGTALK_API_BASE,
          oapiBase: e.DINGTALK_OAPI_BASE,
          gatewayUrl: `${e.DINGTALK_API_BASE}/v1.0/gateway/connections/open`,
        }
      : null;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database: databaseFrom(e.DATABASE_URL),
    dingtalk,
    apiBase: e.DINGTALK_API_BASE,
    oapiBase: e.DINGTALK_OAPI_BASE,
    demo: dingtalk === null,
    timezone: e.STEWARD_TIMEZONE,
    admins: {
      // Demo mode has one pretend admin (the page's demo session), so reminders have someone to go to (the outbox).
      userIds: dingtalk || e.STEWARD_ADMIN_USERIDS.length ? e.STEWARD_ADMIN_USERIDS : ["demo-admin"],
      groups: e.STEWARD_ADMIN_GROUPS,
      token: e.STEWARD_ADMIN_TOKEN ?? null,
    },
    sessionSecret: e.STEWARD_SESSION_SECRET ?? null,
    publicUrl: e.STEWARD_PUBLIC_URL ?? null,
    instanceId: e.STEWARD_INSTANCE_ID ?? null,
    trustProxyHops: e.STEWARD_TRUST_PROXY,
    demoSeed: e.STEWARD_DEMO_SEED,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    settings: parsedSettings.data,
  });
}

/** A one-line, secret-free description of the configuration for the start-up log. */
export function describeConfig(c: Config): Record<string, unknown> {
  const db = c.database.kind === "sqlite" ? `sqlite:${c.database.file}` : c.database.url.replace(/\/\/[^@/]*@/, "//***@");
  return {
    port: c.port,
    database: db,
    mode: c.demo ? "demo" : "dingtalk",
    corpId: c.dingtalk?.corpId ?? null,
    timezone: c.timezone,
    admins: c.admins.userIds.length,
    adminGroups: c.admins.groups.length,
    trustProxyHops: c.trustProxyHops,
  };
}
