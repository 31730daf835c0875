// The one logger. Secrets are redacted by key name so a careless log call cannot leak them.
import { pino } from "pino";

const redactPaths = [
  "token",
  "secret",
  "aesKey",
  "key",
  "*.token",
  "*.secret",
  "*.aesKey",
  "*.key",
  "*.webhookKey",
  "*.corpSecret",
  "*.access_token",
  "*.authorization",
  "req.headers.authorization",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: { app: "planbot" },
});
export type Logger = typeof logger;
