// Browser helpers for the e2e tests: skip notice when Chromium is missing, and where screenshots go.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_PATH, chromiumAvailable } from "../../src/bench/dashboard-chromium.js";

export { launchChromium } from "../../src/bench/dashboard-chromium.js";

export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts", "dashboard");

export const chromiumMissing = !chromiumAvailable();
if (chromiumMissing) {
  console.warn(
    `dashboard e2e: SKIPPED — ${CHROMIUM_PATH} not found. Install it with scripts/ci-install-browser.sh (Debian: chromium fonts-noto-cjk).`,
  );
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}
