// The real digest for the schedule and `digest --send`: the progress side's prepared digest, its window recorded with the outbox rows.
import { prepareDigest, recordDigestSent } from "../digest/prepare.js";
import type { Runtime } from "../runtime.js";
import type { DigestBuilder } from "./digest-schedule.js";

export function progressDigestBuilder(runtime: Pick<Runtime, "env" | "plans" | "store" | "reporters">): DigestBuilder {
  return ({ chat, day }) => {
    const digest = prepareDigest(
      {
        store: runtime.store,
        plans: runtime.plans.plans,
        directory: runtime.plans.directory,
        reporters: runtime.reporters,
        staleDays: runtime.env.PLANBOT_STALE_DAYS,
      },
      { date: day, plan: chat.plan, chat: chat.name },
    );
    // Recorded in the outbox's transaction: the next digest's window starts where this one's ended.
    return { parts: digest.parts, onStored: () => recordDigestSent(runtime.store, digest) };
  };
}
