// A task reference the API, CLI or chat cannot read is refused with its value named, never stored on some task.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { prepareRecord } from "../../src/progress/record.js";

const loaded = loadPlans(resolve(import.meta.dirname, "../../knowledge"));
const deps = { plans: loaded.plans, answerer: createAnswerer(loaded), today: "2026-01-05" };
const prepare = (task: string | number) =>
  prepareRecord({ task, text: "累计达到10家", asOf: "2025-06-30", reporterId: "r", source: "api" }, deps);

describe("task references", () => {
  it.each(["task 3", "2-3", "-1", "' OR 1=1 --", "3.5", "abc"])("refuses %j, naming it", (ref) => {
    const result = prepare(ref);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe("task");
    expect(result.unreadable).toBe(true);
    expect(result.reason).toContain(ref.trim());
  });

  it.each([
    [9, 9],
    ["9", 9],
    ["任务九", 9],
    ["第3项", 3],
    ["#3", 3],
    ["上市公司", 7],
    ["新型显示千亿产业", 1],
    ["产业联盟", 10],
  ])("reads %j as task %i", (ref, no) => {
    const result = prepare(ref);
    expect(result.ok && result.task.no).toBe(no);
  });

  it("says a number names no task without calling it unreadable", () => {
    const result = prepare(99);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.unreadable).toBeUndefined();
  });
});
