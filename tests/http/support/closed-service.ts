// A closed planbot (WeCom keys set, listening "on 0.0.0.0" as far as the access mode knows; the socket stays on
// 127.0.0.1), the WeCom API simulator playing sign-in, a reporters file with one person per role, all signed in.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { newCredentials } from "../../../src/wecom/simulator/credentials.js";
import { type Harness, startHarness } from "../../wecom/support/harness.js";
import { signInThroughSimulator } from "./sign-in.js";

export const TOKENS = {
  PLANBOT_ASK_TOKEN: "ask-token-for-other-systems-1",
  PLANBOT_METRICS_TOKEN: "metrics-token-for-scrapers-22",
  PLANBOT_ADMIN_TOKEN: "admin-token-for-progress-333",
};

/** One key for every server a test starts on this runtime, so a session made on one is good on the others. */
export const SESSION_SECRET = "a-session-secret-of-at-least-32-characters";

export const REPORTERS = `reporters:
  - userid: wang.viewer
    name: 王查看
    role: viewer
    department: 数据资源局
  - userid: li.reporter
    name: 李填报
    department: 数据资源局
  - userid: zhao.admin
    name: 赵管理
    role: admin
`;

export type RoleCookies = Record<"viewer" | "reporter" | "admin", string>;

export interface ClosedService {
  api: WecomSimulatorApi;
  h: Harness;
  /** a signed-in session of each role, as a Cookie header */
  cookies: RoleCookies;
  stop(): Promise<void>;
}

export async function startClosedService(o: { signInLimit?: number } = {}): Promise<ClosedService> {
  const creds = newCredentials();
  const api = await startWecomSimulatorApi({
    corps: [{ corpId: creds.app.corpId, corpSecret: creds.app.secret, agentId: creds.app.agentId }],
    oauthOutsiders: ["outsider"],
  });
  const env = {
    ...TOKENS,
    WECOM_API_BASE: api.url,
    WECOM_OAUTH_BASE: api.url,
    WECOM_LOGIN_BASE: api.url,
    PLANBOT_SESSION_SECRET: SESSION_SECRET,
    PLANBOT_SIGNIN_RATE_LIMIT: String(o.signInLimit ?? 80),
  };
  let h = await startHarness({ creds, env, server: { listenHost: "0.0.0.0" } });
  // The harness has no reporters file: write one and restart on the same data.
  const reporters = join(h.dir, "reporters.yaml");
  writeFileSync(reporters, REPORTERS);
  await h.stop();
  h = await startHarness({
    dir: h.dir,
    creds,
    env: { ...env, PLANBOT_REPORTERS: reporters },
    server: { listenHost: "0.0.0.0" },
  });
  const cookies: RoleCookies = {
    viewer: (await signInThroughSimulator(h.server.url, api, "wang.viewer")).cookie,
    reporter: (await signInThroughSimulator(h.server.url, api, "li.reporter")).cookie,
    admin: (await signInThroughSimulator(h.server.url, api, "zhao.admin")).cookie,
  };
  return {
    api,
    h,
    cookies,
    stop: async () => {
      await h.dispose();
      await api.stop();
    },
  };
}
