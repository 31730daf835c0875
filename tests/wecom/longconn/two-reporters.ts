// The service on a long connection to the simulator, with two reporters of different departments: what the card and
// file tests share.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LongConnSimulator, startLongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import { type Harness, startHarness } from "../support/harness.js";

export interface LongConnService {
  sim: LongConnSimulator;
  h: Harness;
  stop(): Promise<void>;
}

/** zhangsan reports for 数据资源局, wangwu for 经贸发展局. */
export async function startWithTwoReporters(bot: { botId: string; secret: string }): Promise<LongConnService> {
  const sim = await startLongConnSimulator({ bots: [bot] });
  const dir = mkdtempSync(join(tmpdir(), "planbot-longconn-"));
  const reporters = join(dir, "reporters.yaml");
  writeFileSync(
    reporters,
    "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n  - userid: wangwu\n    name: 王五\n    department: 经贸发展局\n",
  );
  const h = await startHarness({
    dir,
    env: {
      PLANBOT_REPORTERS: reporters,
      WECOM_BOT_ID: bot.botId,
      WECOM_BOT_SECRET: bot.secret,
      WECOM_BOT_WS_URL: sim.url,
    },
    server: { longConnection: { reconnectBaseMs: 20 } },
  });
  await sim.waitForAuthentications(1);
  return {
    sim,
    h,
    async stop() {
      await h.dispose();
      await sim.stop();
    },
  };
}
