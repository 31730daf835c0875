// A small made-up plan in a temp knowledge folder, plus a chats file, for outbound tests that need a real runtime.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { ResponsibilityMatrix } from "../../../src/plan/schema.js";

export const PLAN_SLUG = "outbound-demo";
export const PLAN_TITLE = "推送测试行动计划(2024—2026年)";

export function writeKnowledge(): { dir: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), "planbot-outbound-"));
  const dir = join(root, "knowledge");
  mkdirSync(join(dir, PLAN_SLUG), { recursive: true });
  const matrix = ResponsibilityMatrix.parse({
    schemaVersion: 1,
    slug: PLAN_SLUG,
    title: PLAN_TITLE,
    issuer: null,
    issuedOn: "2024-01-15",
    period: { startYear: 2024, endYear: 2026 },
    source: { file: "plan.txt", sha256: "a".repeat(64) },
    goals: { text: "", sentences: [], targets: [] },
    tasks: [1, 2, 3].map((no) => ({
      no,
      label: `(${no})`,
      section: "重点任务",
      title: `推送测试任务${no}`,
      text: `推送测试任务${no}。`,
      sentences: [`推送测试任务${no}。`],
      lead: ["市测试局"],
      partners: [],
      attribution: "(牵头部门:市测试局)",
      targets: [],
      line: no * 10,
    })),
    measures: [],
    warnings: [],
  });
  writeFileSync(join(dir, PLAN_SLUG, "matrix.json"), JSON.stringify(matrix));
  writeFileSync(join(dir, "departments.yaml"), YAML.stringify({ departments: [{ name: "市测试局" }] }));
  return { dir, root };
}

export function writeChats(root: string, chats: unknown[]): string {
  const file = join(root, "chats.yaml");
  writeFileSync(file, YAML.stringify({ chats }));
  return file;
}
