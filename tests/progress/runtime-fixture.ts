// A temp knowledge folder (the demo plan, a reporters file, a sample) and a runtime opened on it with a temp DB.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnv } from "../../src/config/env.js";
import { openRuntime, type Runtime } from "../../src/runtime.js";
import { demoPlan } from "./fixtures.js";

export interface RuntimeFixture {
  dir: string;
  knowledge: string;
  db: string;
  open(extra?: Record<string, string>): Runtime;
  cleanup(): void;
}

export const SAMPLE_CSV = [
  "plan,task,metric,value,text,reporter,reporter_name,department,date",
  "demo-2023-2025,1,t1-1,300,【示例数据，非真实】专精特新企业达到300家,sample,示例填报人,市经信局,2024-06-30",
  "demo-2023-2025,3,,,【示例数据，非真实】完成营商环境评估,sample,示例填报人,市发改委,2024-06-30",
].join("\n");

export function runtimeFixture(): RuntimeFixture {
  const dir = mkdtempSync(join(tmpdir(), "planbot-rt-"));
  const knowledge = join(dir, "knowledge");
  mkdirSync(join(knowledge, "demo-2023-2025"), { recursive: true });
  mkdirSync(join(knowledge, "samples"), { recursive: true });
  writeFileSync(join(knowledge, "demo-2023-2025", "matrix.json"), JSON.stringify(demoPlan()));
  writeFileSync(join(knowledge, "departments.yaml"), "departments:\n  - { name: 市经信局, aliases: [经信局] }\n");
  writeFileSync(
    join(knowledge, "reporters.yaml"),
    "reporters:\n  - { userid: zhang, name: 张三, department: 经信局, contact: true }\n  - { userid: wang, name: 王五, role: admin }\n",
  );
  writeFileSync(join(knowledge, "samples", "progress-示例.csv"), SAMPLE_CSV);
  const db = join(dir, "data", "planbot.sqlite");
  return {
    dir,
    knowledge,
    db,
    open: (extra = {}) => openRuntime(loadEnv({ PLANBOT_KNOWLEDGE: knowledge, PLANBOT_DB: db, ...extra })),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
