// Gathers what a digest needs from the store — the window since the chat's previous digest and a frozen view — and builds it.
import { createHash } from "node:crypto";
import { contactsOf } from "../auth/permission.js";
import type { ReportersFile } from "../auth/reporters.js";
import type { DepartmentDirectory, ResponsibilityMatrix } from "../plan/schema.js";
import { addDays, shanghaiDayOf, shanghaiMidnight } from "../progress/dates.js";
import { effectiveRecords } from "../progress/effective.js";
import { memoryProgressReader } from "../progress/memory-reader.js";
import type { ProgressReader, ProgressRecord } from "../progress/schema.js";
import type { ProgressStore } from "../store/progress-store.js";
import { buildDigest } from "./build.js";

export interface DigestSources {
  store: ProgressStore;
  plans: readonly ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  reporters: ReportersFile;
  staleDays: number;
}

export interface PreparedDigest {
  chat: string | null;
  date: string;
  /** ISO instants: records stored in [since, until) are new */
  since: string;
  until: string;
  parts: string[];
  sha256: string;
}

/**
 * The window ends when the digest's day begins (Shanghai midnight) and starts where the chat's previous digest
 * ended (the day before when there is none). A digest already sent for this chat and day keeps its window, and
 * nothing stored after the window closed is read, so a retry yields the same text.
 */
export function digestWindow(
  store: ProgressStore,
  chat: string | null,
  date: string,
): { since: string; until: string } {
  if (chat !== null) {
    const same = store.digestRun(chat, date);
    if (same) return { since: same.since, until: same.until };
    const previous = store.lastDigestRun(chat, date);
    if (previous) return { since: previous.until, until: shanghaiMidnight(date) };
  }
  return { since: shanghaiMidnight(addDays(date, -1)), until: shanghaiMidnight(date) };
}

/** The store as it stood at one instant: what every digest whose window ends then is built from. */
interface Snapshot {
  reader: ProgressReader;
  effective: ProgressRecord[];
}

/** Snapshots by window end; one cache serves every chat of a morning, so 1,000 chats read the store once. */
export type SnapshotCache = Map<string, Snapshot>;

function snapshotAt(store: ProgressStore, until: string, cache?: SnapshotCache): Snapshot {
  const cached = cache?.get(until);
  if (cached) return cached;
  const records = store.list({ recordedBefore: until });
  const snapshot = { reader: memoryProgressReader(records), effective: effectiveRecords(records) };
  cache?.set(until, snapshot);
  return snapshot;
}

export function prepareDigest(
  src: DigestSources,
  options: {
    date: string;
    plan?: string;
    chat?: string | null;
    /**
     * ISO instant the view ends at instead of the digest's day's start: a digest asked for in the chat reads the
     * store as it is now, as answers do, so the two agree on the same day.
     */
    until?: string;
  },
  cache?: SnapshotCache,
): PreparedDigest {
  const chat = options.chat ?? null;
  const plans = options.plan ? src.plans.filter((p) => p.slug === options.plan) : src.plans;
  if (options.plan && plans.length === 0) throw new Error(`unknown plan: ${options.plan}`);
  const window = digestWindow(src.store, chat, options.date);
  const { since } = window;
  const until = options.until ?? window.until;
  const slugs = new Set(plans.map((p) => p.slug));
  const snapshot = snapshotAt(src.store, until, cache);
  const parts = buildDigest({
    date: options.date,
    plans,
    progress: snapshot.reader,
    newRecords: snapshot.effective.filter((r) => r.recordedAt >= since && slugs.has(r.plan)),
    sinceDay: shanghaiDayOf(since),
    staleDays: src.staleDays,
    contactsOf: (dept) => contactsOf(src.reporters, dept, src.directory).map((r) => r.userid),
  });
  const sha256 = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return { chat, date: options.date, since, until, parts, sha256 };
}

/** Remembers that a digest went out, so the next one starts where this one ended. */
export function recordDigestSent(store: ProgressStore, digest: PreparedDigest): void {
  if (digest.chat === null) throw new Error("a digest without a chat is not sent");
  store.recordDigestRun({
    chat: digest.chat,
    date: digest.date,
    since: digest.since,
    until: digest.until,
    parts: digest.parts.length,
    sha256: digest.sha256,
  });
}
