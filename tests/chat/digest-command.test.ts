// "今天的简报": this morning's digest on request, from a real SQLite store; asking never moves the schedule's window.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseReporters } from "../../src/auth/reporters.js";
import { createDigestCommand } from "../../src/chat/digest-command.js";
import type { IncomingMessage } from "../../src/chat/message.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { demoPlan } from "../progress/fixtures.js";
import { type TempDb, tempDb, tickingClock } from "../store/helpers.js";

const plan = demoPlan();
let t: TempDb;
let store: ProgressStore;
let clock: () => Date;
beforeEach(() => {
  t = tempDb();
  // 2024-06-30 10:00 in Shanghai: a record stored "yesterday" for the digest of 2024-07-01
  clock = tickingClock("2024-06-30T02:00:00Z");
  store = createProgressStore(t.db, { now: () => clock() });
});
afterEach(() => t.cleanup());

const reporters = parseReporters(
  "reporters:\n  - { userid: zhang, name: 张三, department: 市经信局, contact: true }\n",
);
const command = () =>
  createDigestCommand(
    () => ({
      store,
      plans: [plan],
      directory: { departments: [{ name: "市经信局", aliases: [], kind: "department" }] },
      reporters,
      staleDays: 30,
    }),
    () => "2024-07-01",
  );
const msg = (text: string): IncomingMessage => ({ text, userid: "u1", chatid: "g1", channel: "simulator" });
const record = (value: number) =>
  store.add(
    {
      plan: plan.slug,
      taskNo: 1,
      targetId: "t1-1",
      value,
      unit: "家",
      asOf: "2024-06-30",
      text: `专精特新企业${value}家`,
      reporterId: "zhang",
      source: "chat",
    },
    { actor: "test", via: "test" },
  );

describe("the digest asked for in the chat", () => {
  it("answers 今天的简报 and its other forms with this morning's digest, and nothing else", () => {
    record(300);
    for (const q of ["今天的简报", "@政策助手 发一下日报", "每日简报", "看看今日进展简报"]) {
      const r = command()(msg(q));
      expect(r?.kind, q).toBe("digest");
      expect(r?.markdown).toContain("每日进展 2024-07-01");
      expect(r?.markdown).toContain("专精特新企业300家");
    }
    expect(command()(msg("简报是什么意思"))).toBeNull();
    expect(command()(msg("上市公司目标"))).toBeNull();
  });

  it("reads the store up to now as answers do, never pings anyone, and leaves the schedule's window alone", () => {
    record(300);
    clock = tickingClock("2024-07-01T03:00:00Z");
    record(320);
    const r = command()(msg("今天的简报"));
    // Stored this morning, after the scheduled digest's window closed: shown, as an answer would show it.
    expect(r?.markdown).toContain("专精特新企业320家");
    expect(r?.markdown).toMatch(/截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的记录/);
    expect(r?.markdown).not.toContain("<@");
    expect(store.lastDigestRun("g1", "2024-07-02")).toBeUndefined();
    expect(store.lastDigestRun("g1", "2024-07-01")).toBeUndefined();
  });
});
