// The reporters file: every schema problem named at once; a missing file said at start and in the chat's refusal.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { parseReporters } from "../../src/auth/reporters.js";
import { logger } from "../../src/log.js";
import { type RuntimeFixture, runtimeFixture } from "../progress/runtime-fixture.js";

let fx: RuntimeFixture;
beforeEach(() => {
  fx = runtimeFixture();
});
afterEach(() => {
  vi.restoreAllMocks();
  fx.cleanup();
});

it("lists every problem of the reporters file, not only the first", () => {
  const text = [
    "reporters:",
    "  - { userid: zhang, department: 经信局 }",
    "  - { userid: li, name: 李四, role: boss }",
    "  - { userid: wu, name: 吴八, contact: yes please }",
  ].join("\n");
  let message = "";
  try {
    parseReporters(text, "reporters.yaml");
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toContain("reporters.yaml");
  expect(message).toContain("reporters[0].name");
  expect(message).toContain("reporters[1].role");
  expect(message).toContain("reporters[2].contact");
});

it.each([
  ["the default file is absent", {}],
  ["PLANBOT_REPORTERS names a file that is not there", { PLANBOT_REPORTERS: "/nonexistent/reporters.yaml" }],
])("says so when %s: a warning at start, and the chat's refusal", async (_, extra: Record<string, string>) => {
  rmSync(join(fx.knowledge, "reporters.yaml"));
  const warn = vi.spyOn(logger, "warn");
  const rt = fx.open(extra);
  try {
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain("PLANBOT_REPORTERS");
    expect(logged).toContain(extra.PLANBOT_REPORTERS ?? join(fx.knowledge, "reporters.yaml"));
    const r = await rt.handleMessage({ text: "进展 任务1:累计达到300家", userid: "zhang", channel: "wecom-bot" });
    expect(r.kind).toBe("progress_refused");
    expect(r.markdown).toContain("尚未配置进展填报名单");
  } finally {
    rt.close();
  }
});
