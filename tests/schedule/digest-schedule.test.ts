import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDigestSchedule, type DigestBuilder } from "../../src/schedule/digest-schedule.js";
import { localDateTime } from "../../src/schedule/local-time.js";
import { openDatabase } from "../../src/store/database.js";
import type { ChatConfig } from "../../src/wecom/chats.js";
import { createOutbox } from "../../src/wecom/outbox.js";

const chats: ChatConfig[] = [
  { name: "早报群", webhookKey: "key-morning-0001", digestTime: "09:00", plan: "demo-plan" },
  { name: "晚报群", webhookKey: "key-evening-0001", digestTime: "18:30" },
  { name: "公告群", webhookKey: "key-notice-00001" },
];

/** 2025-03-10 at the given Shanghai wall-clock time (UTC+8, no daylight saving). */
const shanghai = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);

const builds: Array<{ chat: string; day: string }> = [];
const fakeBuilder: DigestBuilder = ({ chat, day }) => {
  builds.push({ chat: chat.name, day });
  return { parts: [`# ${chat.name} ${day} 进展日报\n- 计划：${chat.plan ?? "全部"}`] };
};

let closeDb: (() => void) | undefined;
function setup(nowMs: { t: number }) {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), "planbot-schedule-")), "db.sqlite"));
  closeDb = () => db.close();
  const outbox = createOutbox(db);
  let kicks = 0;
  const schedule = createDigestSchedule({
    chats,
    outbox,
    buildDigest: fakeBuilder,
    now: () => nowMs.t,
    onEnqueued: () => {
      kicks++;
    },
  });
  return { outbox, schedule, kicks: () => kicks };
}

afterEach(() => {
  closeDb?.();
  builds.length = 0;
});

describe("digest schedule", () => {
  it("reads wall-clock time in Shanghai whatever the machine's zone", () => {
    expect(localDateTime(Date.parse("2025-03-09T16:30:00Z"))).toEqual({ day: "2025-03-10", time: "00:30" });
    expect(localDateTime(Date.parse("2025-03-10T15:59:00Z"))).toEqual({ day: "2025-03-10", time: "23:59" });
  });

  it("after downtime sends today's missed digest once; not yesterday's, not one whose time is still ahead", async () => {
    const clock = { t: shanghai("2025-03-10", "10:15") };
    const { outbox, schedule, kicks } = setup(clock);
    // the service was down all of 2025-03-09 and this morning
    const first = await schedule.catchUp();
    expect(first).toEqual([{ chat: "早报群", day: "2025-03-10", status: "enqueued", parts: 1 }]);
    expect(kicks()).toBe(1);
    // a second restart the same morning finds it in the outbox and does nothing
    expect(await schedule.catchUp()).toEqual([]);
    expect(outbox.list().map((r) => [r.chat, r.day])).toEqual([["早报群", "2025-03-10"]]);
    expect(outbox.hasDigest("早报群", "2025-03-09")).toBe(false);

    clock.t = shanghai("2025-03-10", "18:30"); // the evening chat's time has come
    expect((await schedule.catchUp()).map((o) => o.chat)).toEqual(["晚报群"]);
    expect(builds).toEqual([
      { chat: "早报群", day: "2025-03-10" },
      { chat: "晚报群", day: "2025-03-10" },
    ]);
  });

  it("before any digest time nothing is caught up", async () => {
    const { schedule } = setup({ t: shanghai("2025-03-10", "08:59") });
    expect(await schedule.catchUp()).toEqual([]);
    expect(builds).toEqual([]);
  });

  it("a cron firing and a catch-up on the same day store one digest", async () => {
    const clock = { t: shanghai("2025-03-10", "09:00") };
    const { outbox, schedule } = setup(clock);
    const [fired, caught] = await Promise.all([schedule.fire(chats[0] as ChatConfig), schedule.catchUp()]);
    expect([fired.status, caught[0]?.status].sort()).toEqual(["already", "enqueued"]);
    expect(outbox.list()).toHaveLength(1);
  });

  it("schedules each chat with a time at that time in Asia/Shanghai, chats without one not at all", () => {
    const { schedule } = setup({ t: shanghai("2025-03-10", "10:15") });
    expect(schedule.nextRuns().map((r) => [r.chat, r.at.toISOString()])).toEqual([
      ["早报群", "2025-03-11T01:00:00.000Z"],
      ["晚报群", "2025-03-10T10:30:00.000Z"],
    ]);
  });

  it("splits a long built digest to the robot's size limit before storing it", async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "planbot-schedule-")), "db.sqlite"));
    closeDb = () => db.close();
    const outbox = createOutbox(db);
    const longLine = "进展：".padEnd(200, "好");
    const schedule = createDigestSchedule({
      chats,
      outbox,
      buildDigest: () => ({ parts: [Array.from({ length: 40 }, () => longLine).join("\n"), "第二段"] }),
      now: () => shanghai("2025-03-10", "09:05"),
    });
    const [outcome] = await schedule.catchUp();
    expect(outcome?.parts).toBeGreaterThan(2);
    const rows = outbox.list();
    expect(rows.map((r) => r.part)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => Buffer.byteLength(r.content) <= 4096 && r.parts === rows.length)).toBe(true);
    expect(rows.at(-1)?.content).toBe("第二段");
  });

  it("start() creates the cron jobs and catches up; stop() ends them", async () => {
    const { schedule } = setup({ t: shanghai("2025-03-10", "23:00") });
    const outcomes = await schedule.start();
    expect(outcomes.map((o) => o.chat)).toEqual(["早报群", "晚报群"]);
    schedule.stop();
  });
});
