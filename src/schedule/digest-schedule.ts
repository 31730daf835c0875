// Each chat's daily digest at its configured Shanghai time (croner), written to the outbox; a digest missed today is caught up once.
import { Cron } from "croner";
import { type Logger, logger as rootLogger } from "../log.js";
import type { ChatConfig } from "../wecom/chats.js";
import type { Outbox } from "../wecom/outbox.js";
import { splitMarkdown } from "../wecom/split-markdown.js";
import { localDateTime, PLAN_TIME_ZONE } from "./local-time.js";

/** A chat's digest for a day: markdown parts (each split further to WeCom's size limit if need be). */
export interface BuiltDigest {
  parts: string[];
  /** runs in the outbox's transaction once the digest is stored (the progress side records its window here) */
  onStored?: () => void;
}
export type DigestBuilder = (request: { chat: ChatConfig; day: string }) => BuiltDigest | Promise<BuiltDigest>;

export type EnqueueStatus = "enqueued" | "already" | "empty";
export interface EnqueueOutcome {
  chat: string;
  day: string;
  status: EnqueueStatus;
  /** messages written to the outbox (0 unless enqueued) */
  parts: number;
}

export interface DigestEnqueuer {
  outbox: Outbox;
  buildDigest: DigestBuilder;
  now: () => number;
}

/** Builds and stores one chat's digest for `day` unless the outbox has it already (in any state). */
export async function enqueueDigestFor(deps: DigestEnqueuer, chat: ChatConfig, day: string): Promise<EnqueueOutcome> {
  // Checked before building too: building is the slow part and most repeats stop here.
  if (deps.outbox.hasDigest(chat.name, day)) return { chat: chat.name, day, status: "already", parts: 0 };
  const built = await deps.buildDigest({ chat, day });
  const parts = built.parts.flatMap((p) => splitMarkdown(p));
  if (parts.length === 0) return { chat: chat.name, day, status: "empty", parts: 0 };
  const stored = deps.outbox.enqueueDigest(chat.name, day, parts, deps.now(), built.onStored);
  return { chat: chat.name, day, status: stored ? "enqueued" : "already", parts: stored ? parts.length : 0 };
}

export interface DigestScheduleOptions {
  chats: ChatConfig[];
  outbox: Outbox;
  buildDigest: DigestBuilder;
  /** called after a digest is stored, so the delivery worker looks now rather than at its next poll */
  onEnqueued?: () => void;
  now?: () => number;
  timeZone?: string;
  log?: Logger;
}

export interface DigestSchedule {
  /** starts one cron job per chat with a digestTime, then catches up today's missed digests */
  start(): Promise<EnqueueOutcome[]>;
  /** today's digests whose time has passed and which the outbox does not have: stored now, once */
  catchUp(): Promise<EnqueueOutcome[]>;
  /** what a cron job does when it fires: today's digest of that chat */
  fire(chat: ChatConfig): Promise<EnqueueOutcome>;
  /** the next run of each scheduled chat after `from` */
  nextRuns(from?: Date): Array<{ chat: string; at: Date }>;
  stop(): void;
}

export function createDigestSchedule(options: DigestScheduleOptions): DigestSchedule {
  const now = options.now ?? (() => Date.now());
  const timeZone = options.timeZone ?? PLAN_TIME_ZONE;
  const log = (options.log ?? rootLogger).child({ component: "digest-schedule" });
  const scheduled = options.chats.filter((c) => c.digestTime !== undefined);
  const deps: DigestEnqueuer = { outbox: options.outbox, buildDigest: options.buildDigest, now };
  let jobs: Array<{ chat: ChatConfig; cron: Cron }> = [];

  const patternOf = (chat: ChatConfig) => {
    const [hh, mm] = (chat.digestTime ?? "00:00").split(":");
    return `${Number(mm)} ${Number(hh)} * * *`;
  };

  const enqueue = async (chat: ChatConfig, day: string, why: string): Promise<EnqueueOutcome> => {
    const outcome = await enqueueDigestFor(deps, chat, day);
    log.info({ ...outcome, why }, "digest scheduled");
    if (outcome.status === "enqueued") options.onEnqueued?.();
    return outcome;
  };

  const fire = (chat: ChatConfig) => enqueue(chat, localDateTime(now(), timeZone).day, "time");

  const catchUp = async (): Promise<EnqueueOutcome[]> => {
    const { day, time } = localDateTime(now(), timeZone);
    const outcomes: EnqueueOutcome[] = [];
    for (const chat of scheduled) {
      // Only today: a digest of an earlier day would be stale news, so it is skipped, not sent late.
      if ((chat.digestTime ?? "99:99") > time) continue;
      if (options.outbox.hasDigest(chat.name, day)) continue;
      try {
        outcomes.push(await enqueue(chat, day, "missed while down"));
      } catch (err) {
        // One chat's broken digest must not keep the others from theirs.
        log.error({ chat: chat.name, err }, "digest could not be built");
      }
    }
    return outcomes;
  };

  return {
    async start() {
      jobs = scheduled.map((chat) => ({
        chat,
        cron: new Cron(patternOf(chat), { timezone: timeZone, protect: true }, async () => {
          await fire(chat).catch((err: unknown) => log.error({ chat: chat.name, err }, "digest could not be built"));
        }),
      }));
      return catchUp();
    },
    catchUp,
    fire,
    nextRuns(from = new Date(now())) {
      return scheduled.map((chat) => {
        const probe = new Cron(patternOf(chat), { timezone: timeZone, paused: true });
        const at = probe.nextRun(from);
        probe.stop();
        return { chat: chat.name, at: at ?? new Date(Number.NaN) };
      });
    },
    stop() {
      for (const j of jobs) j.cron.stop();
      jobs = [];
    },
  };
}
