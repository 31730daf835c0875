import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseReporters } from "../../src/auth/reporters.js";
import { buildDigest, type DigestInput } from "../../src/digest/build.js";
import { prepareDigest, recordDigestSent } from "../../src/digest/prepare.js";
import { packDigest, WECOM_MARKDOWN_LIMIT } from "../../src/digest/split.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import type { NewProgress, ProgressRecord } from "../../src/progress/schema.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { demoPlan, demoRecord } from "../progress/fixtures.js";
import { type TempDb, tempDb } from "../store/helpers.js";

const plan = demoPlan();
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

function rec(id: number, fields: Partial<ProgressRecord>): ProgressRecord {
  return demoRecord({ id, plan: plan.slug, ...fields });
}

function input(records: ProgressRecord[], fields: Partial<DigestInput> = {}): DigestInput {
  return {
    date: "2024-07-01",
    plans: [plan],
    progress: memoryProgressReader(records),
    newRecords: records,
    sinceDay: "2024-06-30",
    staleDays: 30,
    contactsOf: (dept) => (dept === "市经信局" ? ["zhang"] : []),
    ...fields,
  };
}

describe("digest text", () => {
  it("lists new progress, targets behind pace, stale tasks and days left", () => {
    const records = [
      rec(1, {}),
      rec(2, { targetId: "t1-2", value: 2, text: "上市公司达到2家" }),
      rec(3, {
        taskNo: 2,
        targetId: "t2-1",
        value: 0.3,
        unit: "个百分点",
        text: "提升0.3个百分点",
        reporterName: "李四",
        department: "市科技局",
      }),
    ];
    expect(buildDigest(input(records))).toEqual([
      [
        "## 示范行动方案(2023—2025年) · 每日进展 2024-07-01",
        "距规划期结束(2025-12-31)还有 **548** 天",
        "### 新进展(06-30 以来 3 条)",
        "- 任务1 **专精特新企业 300家 50%**:专精特新企业累计达到300家 —— 张三·市经信局 06-30",
        "- 任务1 **上市公司 2家 16%**:上市公司达到2家 —— 张三·市经信局 06-30",
        "- 任务2 **研发经费投入强度 0.3个百分点 60%**:提升0.3个百分点 —— 李四·市科技局 06-30",
        "### 进度滞后(1)",
        "- 任务1 上市公司:完成 16%,时间进度 49% · 牵头:市经信局 <@zhang>",
        "### 久未更新(超过 30 天无记录,2 项)",
        "- 任务3「优化营商环境」· 从未填报 · 牵头:市发改委",
        "- 任务4「建设产业园区」· 从未填报 · 牵头:市经信局 <@zhang>",
      ].join("\n"),
    ]);
  });

  it("shows the final attainment once the period has ended", () => {
    const records = [rec(1, { value: 610, asOf: "2025-12-31" })];
    const [text] = buildDigest(input(records, { date: "2026-01-05", newRecords: [], sinceDay: "2026-01-04" }));
    expect(text).toContain("规划期已于 2025-12-31 结束,以下为最终完成情况");
    expect(text).toContain("- 任务1 专精特新企业(最终):610家/600家 ▓▓▓▓▓▓▓▓▓▓ 101% · 已完成");
    expect(text).toContain("- 任务1 上市公司(最终):目标 12家 · 暂无记录");
    expect(text).not.toContain("距规划期结束");
    expect(text).not.toContain("久未更新");
  });

  it("is the same text for the same input", () => {
    const records = [rec(1, {}), rec(2, { taskNo: 3, targetId: null, value: null })];
    expect(buildDigest(input(records))).toEqual(buildDigest(input([...records].reverse())));
  });

  it("splits a long digest at entry boundaries, each part within 4096 bytes", () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      rec(i + 1, {
        taskNo: 1 + (i % 4),
        targetId: null,
        value: null,
        text: `第${i + 1}条:完成走访企业、座谈和政策宣讲等工作`,
      }),
    );
    const parts = buildDigest(input(many, { maxNewEntries: 1000 }));
    expect(parts.length).toBeGreaterThan(2);
    const whole = parts.join("\n");
    for (const [i, part] of parts.entries()) {
      expect(bytes(part)).toBeLessThanOrEqual(WECOM_MARKDOWN_LIMIT);
      expect(part.split("\n")[0]).toBe(
        `## 示范行动方案(2023—2025年) · 每日进展 2024-07-01（${i + 1}/${parts.length}）`,
      );
    }
    for (let i = 1; i <= 400; i++) {
      const entries = whole.split("\n").filter((l) => l.includes(`:第${i}条:`));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatch(/—— 张三·市经信局 06-30$/);
    }
    expect(parts[1]).toContain("### 新进展(06-30 以来 400 条)(续)");
  });

  it("caps the new-progress list and says how many more", () => {
    const many = Array.from({ length: 40 }, (_, i) => rec(i + 1, { targetId: null, value: null }));
    const [text] = buildDigest(input(many));
    expect(text).toContain("……另有 10 条");
  });
});

describe("packing", () => {
  it("never leaves a section heading at the end of a part and cuts a single oversized entry", () => {
    const items = [
      { kind: "title" as const, text: "## T" },
      ...Array.from({ length: 30 }, (_, i) => ({ kind: "entry" as const, text: `- ${"字".repeat(20)}${i}` })),
      { kind: "section" as const, text: "### S" },
      { kind: "entry" as const, text: "x".repeat(5000) },
    ];
    const parts = packDigest(items, 400);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThanOrEqual(400);
      expect(p.split("\n").at(-1)).not.toBe("### S");
    }
    expect(parts.at(-1)).toMatch(/x…$/);
  });
});

describe("digest from the store", () => {
  let t: TempDb;
  let store: ProgressStore;
  let clock: string;
  const reporters = parseReporters(
    "reporters:\n  - { userid: zhang, name: 张三, department: 市经信局, contact: true }\n",
  );
  const add = (fields: Partial<NewProgress>) =>
    store.add(
      {
        plan: plan.slug,
        taskNo: 1,
        targetId: "t1-1",
        value: 300,
        unit: "家",
        text: "专精特新企业累计达到300家",
        reporterId: "zhang",
        source: "cli",
        asOf: "2024-06-29",
        ...fields,
      },
      { actor: "test", via: "test" },
    );
  const sources = () => ({ store, plans: [plan], directory: { departments: [] }, reporters, staleDays: 30 });

  beforeEach(() => {
    clock = "2024-06-30T02:00:00.000Z";
    t = tempDb();
    store = createProgressStore(t.db, { now: () => new Date(clock) });
  });
  afterEach(() => t.cleanup());

  it("gives the same text on a retry even after new records and corrections", () => {
    const first = add({}); // 2024-06-30 10:00 Shanghai: inside the window for 07-01
    const d1 = prepareDigest(sources(), { date: "2024-07-01", chat: "g1" });
    expect(d1.parts[0]).toContain("新进展(06-30 以来 1 条)");
    recordDigestSent(store, d1);
    clock = "2024-07-01T01:00:00.000Z"; // 09:00 on the digest's morning
    add({ supersedes: first.id, value: 100, text: "专精特新企业累计达到100家" });
    const retry = prepareDigest(sources(), { date: "2024-07-01", chat: "g1" });
    expect(retry.parts).toEqual(d1.parts);
    expect(retry.sha256).toBe(d1.sha256);
    const next = prepareDigest(sources(), { date: "2024-07-02", chat: "g1" });
    expect(next.since).toBe(d1.until);
    expect(next.parts[0]).toContain("专精特新企业 100家 16%");
  });

  it("covers everything since the chat's previous digest", () => {
    add({});
    recordDigestSent(store, prepareDigest(sources(), { date: "2024-06-28", chat: "g1" }));
    const d = prepareDigest(sources(), { date: "2024-07-01", chat: "g1" });
    expect(d.since).toBe("2024-06-27T16:00:00.000Z");
    expect(d.parts[0]).toContain("新进展(06-28 以来 1 条)");
    const fresh = prepareDigest(sources(), { date: "2024-07-01", chat: "g2" });
    expect(fresh.since).toBe("2024-06-29T16:00:00.000Z");
  });
});
