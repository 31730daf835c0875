// The one config loader: environment (plus optional .env) validated by zod; every problem is reported at once.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const EnvSchema = z.object({
  HOST: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PLANBOT_KNOWLEDGE: z.string().default("./knowledge"),
  PLANBOT_DB: z.string().default("./data/planbot.sqlite"),
  PLANBOT_ADMIN_TOKEN: optionalString,
  PLANBOT_CHATS: optionalString,
  PLANBOT_REPORTERS: optionalString,
  PLANBOT_STALE_DAYS: z.coerce.number().int().positive().default(30),
  /** load knowledge/samples/*.csv (sample progress labelled 示例) on start, into a store in memory; 1/true/yes */
  PLANBOT_LOAD_SAMPLE: z.stringbool().default(false),
  PLANBOT_TIMESTAMP_WINDOW_S: z.coerce.number().int().positive().default(300),
  /** bot callbacks in a worker thread: auto = when the machine has more than one core and the store is a file */
  PLANBOT_BOT_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_AES_KEY: optionalString,
  WECOM_CORP_ID: optionalString,
  WECOM_APP_TOKEN: optionalString,
  WECOM_APP_AES_KEY: optionalString,
  WECOM_APP_SECRET: optionalString,
  WECOM_AGENT_ID: optionalString,
  WECOM_API_BASE: z.string().url().default("https://qyapi.weixin.qq.com"),
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
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
