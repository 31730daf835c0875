// What a user typed (reporter name, department, progress and correction text) is plain text wherever it is shown:
// no forged headings, mentions, links or markdown in the digest and chat answers, escaped on the dashboard.
import { describe, expect, it } from "vitest";
import { renderWecomMarkdown } from "../../src/dashboard/wecom-markdown.js";
import { buildDigest } from "../../src/digest/build.js";
import { plainInMarkdown } from "../../src/progress/format.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import { recordLine, renderTaskProgress } from "../../src/progress/render.js";
import { demoPlan, demoRecord } from "./fixtures.js";

const plan = demoPlan();
const hostile = demoRecord({
  id: 1,
  plan: plan.slug,
  reporterName: "张三\n# 伪造标题 <@all> **粗**",
  department: "经信局\n## [点我](https://evil.example/a)",
  text: '完成\n\n# 紧急通知 <@all> <@zhangsan> [登录](http://phish.example) `代码` <font color="warning">红</font> https://x.example',
  asOf: "2024-06-30",
});

/** No line the user did not write begins with a mark, and nothing of theirs mentions, links or formats. */
function expectPlain(markdown: string): void {
  expect(markdown).not.toMatch(/<@/);
  expect(markdown).not.toMatch(/\]\(/);
  expect(markdown).not.toMatch(/https?:\/\//);
  expect(markdown).not.toContain("**粗**");
  expect(markdown).not.toContain("`代码`");
  expect(markdown).not.toContain("<font");
  for (const line of markdown.split("\n")) expect(line).not.toMatch(/^#+ *(伪造|紧急|\[点我)/);
}

describe("user text in WeCom markdown", () => {
  it("keeps the words, on one line, with no mark of markdown", () => {
    const plain = plainInMarkdown("a\n# b <@all> [c](http://d) **e**");
    expect(plain).not.toContain("\n");
    expect(plain).toContain("b");
    expectPlain(plain);
  });

  it("in a record's line, an answer's progress lines and the digest", () => {
    const line = recordLine(plan, hostile, "2024-07-01");
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain("紧急通知");
    expectPlain(line);
    const task = plan.tasks[0];
    if (!task) throw new Error("demo plan has no task");
    const progress = memoryProgressReader([hostile]);
    expectPlain(renderTaskProgress(plan, task, { today: "2024-07-01", staleDays: 30, progress }).join("\n"));
    const digest = buildDigest({
      date: "2024-07-01",
      plans: [plan],
      progress,
      newRecords: [hostile],
      sinceDay: "2024-06-30",
      staleDays: 30,
      contactsOf: () => [],
    }).join("\n");
    expect(digest).toContain("紧急通知");
    expectPlain(digest);
  });

  it("on the dashboard, where the markdown is rendered, as text without links", () => {
    const html = renderWecomMarkdown(recordLine(plan, hostile, "2024-07-01"));
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("<h");
    expect(html).not.toContain("<strong>粗");
  });
});
