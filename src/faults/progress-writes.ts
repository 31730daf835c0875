// Phase (a): progress written over HTTP (POST /api/progress) by clients that resend every unacknowledged write
// with the same Idempotency-Key, while the service is killed and restarted under them.
import type { SeededRandom } from "./seeded-random.js";
import { letterMarker } from "./seeded-random.js";

export interface IntendedRecord {
  /** text that only this operation writes */
  marker: string;
  task: number;
  /** requests sent until one was acknowledged */
  attempts: number;
  /** requests that got no answer (the service died under them): their write may or may not have happened */
  unanswered: number;
  /** an answer confirmed the record was stored */
  acked: boolean;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function writeProgressOverHttp(o: {
  url: () => string;
  token: string;
  plan: string;
  /** the plan's task numbers, one drawn per operation */
  tasks: number[];
  ops: number;
  concurrency: number;
  random: SeededRandom;
  runId: string;
  /** called as operation i (1-based) starts: the suite kills the service at some of them */
  onOperation?: (i: number) => void;
}): Promise<IntendedRecord[]> {
  const intended: IntendedRecord[] = Array.from({ length: o.ops }, (_, i) => ({
    marker: `故障注入 ${o.runId} 接口${letterMarker(i)}`,
    task: o.random.pick(o.tasks),
    attempts: 0,
    unanswered: 0,
    acked: false,
  }));
  let next = 0;
  const client = async () => {
    for (let i = next++; i < intended.length; i = next++) {
      const op = intended[i] as IntendedRecord;
      o.onOperation?.(i + 1);
      const body = JSON.stringify({ plan: o.plan, task: op.task, text: op.marker, reporter: "faults" });
      for (;;) {
        op.attempts++;
        try {
          const res = await fetch(`${o.url()}/api/progress`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${o.token}`,
              "idempotency-key": `${o.runId}-a-${i}`,
            },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 201) {
            op.acked = true;
            break;
          }
          const text = await res.text();
          if (res.status < 500) throw new Error(`POST /api/progress answered ${res.status}: ${text.slice(0, 300)}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith("POST /api/progress answered")) throw err;
          // refused (the service is down) or cut (it died mid-request): the latter may have written
          if (!(err instanceof TypeError && /ECONNREFUSED/.test(String(err.cause)))) op.unanswered++;
        }
        await pause(30);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  return intended;
}
