// For `planbot serve`: starts outbox delivery and each chat's daily digest, catching up today's missed ones.
import { logger } from "../log.js";
import type { Runtime } from "../runtime.js";
import { createOutboundDelivery, type OutboundDelivery, type OutboundOptions } from "../wecom/outbound-delivery.js";
import { createDigestSchedule, type DigestSchedule } from "./digest-schedule.js";

export interface RunningDigestSchedule {
  /** null when no chats are configured */
  schedule: DigestSchedule | null;
  delivery: OutboundDelivery;
  stop(): Promise<void>;
}

export async function startDigestSchedule(
  runtime: Pick<Runtime, "env" | "db" | "plans" | "store" | "reporters">,
  options: OutboundOptions = {},
): Promise<RunningDigestSchedule> {
  const log = logger.child({ component: "digest-schedule" });
  const delivery = createOutboundDelivery(runtime, options);
  if (delivery.chats.length === 0) {
    log.info("no chats file (PLANBOT_CHATS): daily digests are off; see chats.example.yaml");
    return { schedule: null, delivery, stop: async () => {} };
  }
  delivery.worker.start();
  const schedule = createDigestSchedule({
    chats: delivery.chats,
    outbox: delivery.outbox,
    buildDigest: delivery.buildDigest,
    onEnqueued: () => delivery.worker.kick(),
    now: delivery.clock.now,
  });
  const caughtUp = await schedule.start();
  log.info(
    {
      chats: delivery.chats.length,
      next: schedule.nextRuns().map((r) => ({ chat: r.chat, at: r.at.toISOString() })),
      caughtUp: caughtUp.filter((o) => o.status === "enqueued").map((o) => o.chat),
    },
    "daily digests scheduled",
  );
  return {
    schedule,
    delivery,
    async stop() {
      schedule.stop();
      await delivery.worker.stop();
    },
  };
}
