// Starts the dashboard on 127.0.0.1 with a temp knowledge folder, a temp SQLite file and sample progress; tears it all down.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvSchema } from "../../src/config/env.js";
import { startDashboardServer } from "../../src/dashboard/standalone-server.js";
import type { ResponsibilityMatrix } from "../../src/plan/schema.js";
import type { NewProgress } from "../../src/progress/schema.js";
import { openRuntime, type Runtime } from "../../src/runtime.js";

/** Secrets set in the environment so tests can prove none reaches a page. */
export const TEST_SECRETS = {
  PLANBOT_ADMIN_TOKEN: "admin-token-must-not-leak-7f3a",
  WECOM_BOT_TOKEN: "bot-token-must-not-leak-91c2",
  WECOM_BOT_AES_KEY: "A".repeat(43),
};

export interface Harness {
  url: string;
  runtime: Runtime;
  dir: string;
  close(): Promise<void>;
}

export async function startHarness(
  plans: readonly ResponsibilityMatrix[],
  records: readonly NewProgress[],
  today: string,
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "planbot-dashboard-"));
  const knowledge = join(dir, "knowledge");
  for (const plan of plans) {
    mkdirSync(join(knowledge, plan.slug), { recursive: true });
    writeFileSync(join(knowledge, plan.slug, "matrix.json"), JSON.stringify(plan));
  }
  const env = EnvSchema.parse({ PLANBOT_KNOWLEDGE: knowledge, PLANBOT_DB: join(dir, "planbot.sqlite"), ...TEST_SECRETS });
  const opened = openRuntime(env);
  opened.store.addMany(records, { actor: "test", via: "test" });
  // a fixed "today" so statuses are the same on any day the tests run
  const runtime: Runtime = { ...opened, answerContext: () => ({ ...opened.answerContext(), today }) };
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
