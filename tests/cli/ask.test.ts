// planbot ask as a user runs it: a real child process, stdin and stdout.
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
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    input,
    env,
    encoding: "utf8",
  });
  return { ...r, lines: r.stdout.split("\n").filter(Boolean) };
}

describe("planbot ask", () => {
  it("prints the reply", () => {
    const r = planbot(["ask", "上市公司达到多少家"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("12家");
  });

  it("--json gives text, intent and the tasks with lead, partners and targets", () => {
    const r = planbot(["ask", "--json", "第一项任务需要哪些单位协同"]);
    const json = JSON.parse(r.stdout);
    expect(json.intent).toBe("partners");
    expect(json.tasks[0]).toMatchObject({ no: 1, lead: ["经贸发展局"] });
    expect(json.tasks[0].partners).toContain("鑫城公司");
    expect(json.tasks[0].targets[1]).toMatchObject({ value: 500, unit: "亿元", year: 2025 });
  });

  it("--jsonl answers one question a line, in order", () => {
    const r = planbot(["ask", "--jsonl"], "空天信息产业由谁牵头\n\n总体目标有哪些\n停车位要新建多少个\n");
    expect(r.status).toBe(0);
    const rows = r.lines.map((l) => JSON.parse(l));
    expect(rows.map((x) => x.q)).toEqual(["空天信息产业由谁牵头", "总体目标有哪些", "停车位要新建多少个"]);
    expect(rows.map((x) => x.intent)).toEqual(["lead", "goals", "not_covered"]);
  });

  it("asks for a question when given none", () => {
    const r = planbot(["ask"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("give a question");
  });
});
