// Phase (b): progress commands sent as signed, encrypted app callbacks (the simulator's client), resent with their
// MsgId as WeCom does while unanswered, while the service is killed and restarted under them.
import { newAppMsgId } from "../wecom/simulator/callbacks.js";
import type { SimulatedCredentials } from "../wecom/simulator/credentials.js";
import { createCallbackSimulator } from "../wecom/simulator/wecom-client.js";
import { type IntendedRecord, pause } from "./progress-writes.js";
import { letterMarker, type SeededRandom } from "./seeded-random.js";

/** WeCom retries an unanswered callback 3 times, 5 s apart. */
const WECOM_RETRY_WINDOW_MS = 15_000;

/** The chat handler's acknowledgement of a stored record (src/chat/progress-commands.ts). */
const RECORDED = "已记录进展";

export async function sendChatCommands(o: {
  url: string;
  creds: SimulatedCredentials;
  userid: string;
  /** the plan's task numbers, one drawn per operation */
  tasks: number[];
  ops: number;
  concurrency: number;
  random: SeededRandom;
  runId: string;
  /** called as command i (1-based) starts: the suite kills the service at some of them */
  onOperation?: (i: number) => void;
}): Promise<IntendedRecord[]> {
  const sim = createCallbackSimulator({ baseUrl: o.url, app: o.creds.app, appTimeoutMs: 5000 });
  const intended = Array.from({ length: o.ops }, (_, i) => ({
    marker: `故障注入 ${o.runId} 聊天${letterMarker(i)}`,
    task: o.random.pick(o.tasks),
    attempts: 0,
    unanswered: 0,
    acked: false,
    msgid: newAppMsgId(),
  }));
  let next = 0;
  const client = async () => {
    for (let i = next++; i < intended.length; i = next++) {
      const op = intended[i] as (typeof intended)[number];
      o.onOperation?.(i + 1);
      // As WeCom: the same MsgId again while nothing answers, for about its retry window (3 retries, 5 s apart).
      // An empty 200 counts as answered (the reply would come by the active send API), as WeCom takes it.
      const giveUpAt = Date.now() + WECOM_RETRY_WINDOW_MS;
      while (Date.now() < giveUpAt) {
        op.attempts++;
        const ex = await sim.askApp(`进展 任务${op.task} ${op.marker}`, { userid: o.userid, msgid: op.msgid });
        if (ex.replyText?.includes(RECORDED)) {
          op.acked = true;
          break;
        }
        if (ex.replyText !== undefined) throw new Error(`chat command refused: ${ex.replyText.slice(0, 300)}`);
        if (ex.deliveries.some((d) => d.status === 0)) op.unanswered++;
        if (ex.deliveries.some((d) => d.status === 200)) break;
        await pause(200);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  return intended.map(({ msgid: _msgid, ...rest }) => rest);
}
