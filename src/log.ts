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

// Logs go to stderr: a command's output on stdout (`planbot ask --jsonl`, `--json`, exports) stays only its output,
// and containers collect both streams.
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    redact: { paths: redactPaths, censor: "[redacted]" },
    base: { app: "planbot" },
  },
  pino.destination({ dest: 2, sync: true }),
);
export type Logger = typeof logger;
