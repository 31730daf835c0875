// Starts the dashboard on 127.0.0.1 with a temp knowledge folder, a temp SQLite file and sample progress, with secrets
// configured so tests can prove none reaches a page.
import { type DashboardFixture, startDashboardFixture } from "../../src/bench/dashboard-fixture.js";
import type { ResponsibilityMatrix } from "../../src/plan/schema.js";
import type { NewProgress } from "../../src/progress/schema.js";

export const TEST_SECRETS = {
  PLANBOT_ADMIN_TOKEN: "admin-token-must-not-leak-7f3a",
  WECOM_BOT_TOKEN: "bot-token-must-not-leak-91c2",
  WECOM_BOT_AES_KEY: "A".repeat(43),
};

export type Harness = DashboardFixture;

export function startHarness(
  plans: readonly ResponsibilityMatrix[],
  records: readonly NewProgress[],
  today: string,
): Promise<Harness> {
  return startDashboardFixture({ plans, records, today, env: TEST_SECRETS });
}
