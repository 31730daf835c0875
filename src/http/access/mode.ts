// Whether the service is closed (sign-in needed) or open, decided once at start from the WeCom keys and the interface.
import { isIP } from "node:net";
import { ConfigError, type Env } from "../../config/env.js";
import { wecomIntegrations } from "../wecom-integrations.js";

/**
 * closed: a WeCom channel is configured, so the port faces the internet: reading needs a signed-in user or a token.
 * open-local: no WeCom keys and a loopback interface: reading is open, as a local tool.
 * open-public: no WeCom keys, a public interface, and PLANBOT_OPEN_DASHBOARD=true: reading opened on purpose.
 */
export type AccessMode = "closed" | "open-local" | "open-public";

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x) and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || /^::ffff:127\./.test(h);
  return false;
}

export function accessMode(env: Env, host: string): AccessMode {
  const wecom = wecomIntegrations(env);
  if (wecom.bot || wecom.app) return "closed";
  if (isLoopback(host)) return "open-local";
  if (env.PLANBOT_OPEN_DASHBOARD) return "open-public";
  throw new ConfigError(
    `Refusing to start: local mode (no WeCom keys) would serve the dashboard, /api/ask and /metrics without sign-in on ` +
      `HOST=${host}, which other machines can reach. Listen on 127.0.0.1, configure WeCom (sign-in goes through ` +
      `the self-built app), or set PLANBOT_OPEN_DASHBOARD=true to open reading on purpose.`,
  );
}
