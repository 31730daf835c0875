// planbot simulate over the long connection, as a user runs it: a child process that starts planbot and the
// long-connection simulator, plays the user over the WebSocket and prints what the chat shows.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const env = {
  ...process.env,
  PLANBOT_DB: join(mkdtempSync(join(tmpdir(), "planbot-cli-")), "x.sqlite"),
  LOG_LEVEL: "silent",
};

function planbot(args: string[], input?: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { input, env, encoding: "utf8" });
}

describe("planbot simulate --long-connection", () => {
  it("asks one question over the WebSocket and prints the final stream frame's answer", () => {
    const r = planbot(["simulate", "ask", "--long-connection", "上市公司达到多少家"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("（长连接）");
    expect(r.stdout).toContain("12家");
  });

  it("chats over the WebSocket line by line", () => {
    const r = planbot(["simulate", "chat", "--long-connection"], "上市公司达到多少家\n/dm 帮助\n/quit\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("authenticated");
    expect(r.stdout).toContain("单聊（长连接）");
    expect(r.stdout).toContain("12家");
  });
});
