// A throwaway dashboard: plans written to a temp knowledge folder, a temp SQLite file with given progress, a server on
// 127.0.0.1. Used by the dashboard tests and benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvSchema } from "../config/env.js";
import { startDashboardServer } from "../dashboard/standalone-server.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import type { NewProgress } from "../progress/schema.js";
import { openRuntime, type Runtime } from "../runtime.js";

export interface DashboardFixture {
  url: string;
  runtime: Runtime;
  dir: string;
  close(): Promise<void>;
}

export interface FixtureOptions {
  plans: readonly ResponsibilityMatrix[];
  records: readonly NewProgress[];
  /** a fixed "today" so statuses do not depend on the day it runs; the real day when absent */
  today?: string;
  /** extra environment, e.g. secrets a test proves never reach a page */
  env?: Record<string, string>;
}

export async function startDashboardFixture(options: FixtureOptions): Promise<DashboardFixture> {
  const dir = mkdtempSync(join(tmpdir(), "planbot-dashboard-"));
  const knowledge = join(dir, "knowledge");
  for (const plan of options.plans) {
    mkdirSync(join(knowledge, plan.slug), { recursive: true });
    writeFileSync(join(knowledge, plan.slug, "matrix.json"), JSON.stringify(plan));
  }
  const env = EnvSchema.parse({
    ...options.env,
    PLANBOT_KNOWLEDGE: knowledge,
    PLANBOT_DB: join(dir, "planbot.sqlite"),
  });
  const opened = openRuntime(env);
  try {
    opened.store.addMany(options.records, { actor: "fixture", via: "fixture" });
  } catch (err) {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const today = options.today;
  const runtime: Runtime = today ? { ...opened, answerContext: () => ({ ...opened.answerContext(), today }) } : opened;
  const server = await startDashboardServer(runtime);
  return {
    url: server.url,
    runtime,
    dir,
    close: async () => {
      await server.close();
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
