// SIGKILLs `planbot serve` at chosen points of a workload and starts it again; kills asked for while a restart is
// under way are dropped (the service is down then anyway).
import type { SeededRandom } from "./seeded-random.js";
import type { ServeProcess } from "./serve-process.js";

export interface Killer {
  /** kill now (unless a restart is under way) and restart; resolves once the service answers again */
  kill(): Promise<void>;
  /** kill after `ms` milliseconds; settle() waits for it, so a late kill never lands in the next phase */
  killAfter(ms: number): void;
  /** waits for a kill in progress to finish restarting; returns how many kills there were */
  settle(): Promise<number>;
}

export function createKiller(proc: ServeProcess, env: () => Record<string, string> = () => ({})): Killer {
  let kills = 0;
  let restarting: Promise<void> | undefined;
  const scheduled = new Set<Promise<void>>();
  const killer: Killer = {
    killAfter(ms) {
      const pending: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, ms))
        .then(() => killer.kill())
        .finally(() => scheduled.delete(pending));
      scheduled.add(pending);
    },
    kill() {
      restarting ??= (async () => {
        await proc.kill();
        kills++;
        await proc.start(env());
      })().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
    async settle() {
      while (restarting || scheduled.size > 0) {
        await Promise.all([restarting, ...scheduled]);
      }
      return kills;
    },
  };
  return killer;
}

/** `count` distinct points among 1..n, chosen by `random`. */
export function killPoints(random: SeededRandom, n: number, count: number): Set<number> {
  const points = new Set<number>();
  while (points.size < Math.min(count, n)) points.add(random.int(1, n));
  return points;
}
