// The one config loader: environment (plus optional .env) validated by zod; every problem is reported at once.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { fileProblems } from "./file-problems.js";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const EnvSchema = z.object({
  HOST: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PLANBOT_KNOWLEDGE: z.string().default("./knowledge"),
  PLANBOT_DB: z.string().default("./data/planbot.sqlite"),
  /** postgres://user:password@host:5432/db puts all state on PostgreSQL (several replicas may share it); else PLANBOT_DB */
  PLANBOT_DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "必须以 postgres:// 或 postgresql:// 开头")
      .optional(),
  ),
  /** connections each process keeps to PostgreSQL */
  PLANBOT_DATABASE_POOL: z.coerce.number().int().min(1).max(100).default(4),
  /** PostgreSQL cancels a statement running longer than this */
  PLANBOT_DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  PLANBOT_ADMIN_TOKEN: optionalString,
  PLANBOT_CHATS: optionalString,
  PLANBOT_REPORTERS: optionalString,
  PLANBOT_STALE_DAYS: z.coerce.number().int().positive().default(30),
  /** load knowledge/samples/*.csv (sample progress labelled 示例) on start, into a store in memory; 1/true/yes */
  PLANBOT_LOAD_SAMPLE: z.stringbool().default(false),
  /** first retry delay of an undelivered digest part, doubling up to 30 min; also how often due retries are looked for */
  PLANBOT_OUTBOX_RETRY_MS: z.coerce.number().int().positive().default(30_000),
  PLANBOT_TIMESTAMP_WINDOW_S: z.coerce.number().int().positive().default(300),
  /** bot callbacks in a worker thread: auto = when the machine has more than one core and the store is a file */
  PLANBOT_BOT_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
  /** how often serve looks for changed plans (an import, a reviewed sheet) to load without a restart; 0 = never */
  PLANBOT_RELOAD_MS: z.coerce.number().int().min(0).default(1000),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_AES_KEY: optionalString,
  WECOM_CORP_ID: optionalString,
  WECOM_APP_TOKEN: optionalString,
  WECOM_APP_AES_KEY: optionalString,
  WECOM_APP_SECRET: optionalString,
  WECOM_AGENT_ID: optionalString,
  WECOM_API_BASE: z.string().url().default("https://qyapi.weixin.qq.com"),
  /** WeCom's in-app web authorisation (网页授权登录): <base>/connect/oauth2/authorize */
  WECOM_OAUTH_BASE: z.string().url().default("https://open.weixin.qq.com"),
  /** WeCom's web login for browsers outside WeCom (企业微信Web登录): <base>/wwlogin/sso/login */
  WECOM_LOGIN_BASE: z.string().url().default("https://login.work.weixin.qq.com"),
  // --- who may see what ---
  /** the address people open, e.g. https://planbot.example.gov.cn: sign-in's redirect_uri and the same-origin check */
  PLANBOT_PUBLIC_URL: optionalString.pipe(
    z
      .string()
      .url()
      .refine((u) => /^https?:\/\/[^/?#]+\/?$/.test(u), "must be an origin such as https://host[:port], no path")
      .transform((u) => u.replace(/\/$/, ""))
      .optional(),
  ),
  /** behind a reverse proxy: trust its X-Forwarded-Proto/-Host/-For (HTTPS detection, client address for limits) */
  PLANBOT_TRUST_PROXY: z.stringbool().default(false),
  /** signs session cookies; without it a random key is made at start and sessions end with the process */
  PLANBOT_SESSION_SECRET: optionalString.pipe(z.string().min(32, "at least 32 characters").optional()),
  PLANBOT_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(8),
  /** local mode on a non-loopback HOST: serve the dashboard without sign-in anyway (read-only) */
  PLANBOT_OPEN_DASHBOARD: z.stringbool().default(false),
  /** the plan's matrix (no progress) for anyone, without sign-in */
  PLANBOT_PUBLIC_PLAN: z.stringbool().default(false),
  /** bearer token other systems send to POST /api/ask */
  PLANBOT_ASK_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),
  /** bearer token for GET /metrics */
  PLANBOT_METRICS_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),
  /** a second listener on 127.0.0.1 serving only /metrics, without a token */
  PLANBOT_METRICS_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
  /** requests a minute per client address without a session or token (WeCom's callbacks excepted) */
  PLANBOT_RATE_LIMIT: z.coerce.number().int().positive().default(300),
  /** sign-in attempts a minute per client address */
  PLANBOT_SIGNIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** the intelligent bot over the long connection (no public URL): its Bot ID and Secret from the admin console */
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  /** where the long connection dials: WeCom's own, a private deployment's, or the local simulator */
  WECOM_BOT_WS_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, "must be a ws:// or wss:// URL")
    .default("wss://openws.work.weixin.qq.com"),
  /** seconds a replica holds the long connection's lease without renewing it: a dead holder is replaced within it */
  WECOM_BOT_LEASE_S: z.coerce.number().int().min(1).max(300).default(15),
});
export type Env = z.infer<typeof EnvSchema>;

const integrationGroups: Record<string, string[]> = {
  "intelligent bot": ["WECOM_BOT_TOKEN", "WECOM_BOT_AES_KEY"],
  "intelligent bot (long connection)": ["WECOM_BOT_ID", "WECOM_BOT_SECRET"],
  "self-built app": ["WECOM_CORP_ID", "WECOM_APP_TOKEN", "WECOM_APP_AES_KEY", "WECOM_APP_SECRET", "WECOM_AGENT_ID"],
};

/** Checks across keys, on the raw strings, so they are reported even when a single key fails to parse. */
function crossKeyProblems(source: NodeJS.ProcessEnv): string[] {
  const isSet = (k: string) => (source[k] ?? "").trim() !== "";
  const problems: string[] = [];
  for (const [name, keys] of Object.entries(integrationGroups)) {
    const missing = keys.filter((k) => !isSet(k));
    if (missing.length > 0 && missing.length < keys.length) {
      problems.push(`- ${name} is half configured: missing ${missing.join(", ")}`);
    }
  }
  for (const k of ["WECOM_BOT_AES_KEY", "WECOM_APP_AES_KEY"]) {
    if (isSet(k) && !/^[A-Za-z0-9]{43}$/.test((source[k] ?? "").trim())) {
      problems.push(`- ${k}: must be 43 letters and digits`);
    }
  }
  return problems;
}

export class ConfigError extends Error {}

/** Reads .env (when present) without overriding real environment variables, then validates. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, dotenvFile = ".env"): Env {
  if (source === process.env && existsSync(resolve(dotenvFile))) process.loadEnvFile(resolve(dotenvFile));
  const parsed = EnvSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
  problems.push(...crossKeyProblems(source));
  // With the variables wrong, the files they name are checked too: one message for everything (else openRuntime does).
  if (problems.length > 0) problems.push(...fileProblems(source));
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
