// Who issued a plan and when, where the page says it only in the notice's opening words and in the signature at
// the end (云岭县人民政府办公室 / 2024年5月10日). Written for this test.
import { describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";

const plan = (lines: string[]) => importPlan(lines.join("\n"), { slug: "x", sourceFile: "source.txt" }).matrix;

describe("issuer and date from a notice and its signature", () => {
  it("reads the issuer before 关于印发 and the date under the signature", () => {
    const m = plan([
      "桐川县人民政府办公室关于印发《桐川县养老服务提升行动方案（2025—2026年）》的通知",
      "各乡镇人民政府，县直各单位：",
      "现将《桐川县养老服务提升行动方案（2025—2026年）》印发给你们，请认真贯彻落实。",
      "桐川县养老服务提升行动方案（2025—2026年）",
      "一、重点任务",
      "（一）建设养老服务中心。新建养老服务中心5个。（责任单位：县民政局）",
      "桐川县人民政府办公室",
      "2025年3月6日",
      "（此件公开发布）",
    ]);
    expect([m.issuer, m.issuedOn]).toEqual(["桐川县人民政府办公室", "2025-03-06"]);
  });

  it("leaves both unknown when the plan states neither", () => {
    const m = plan(["桐川县养老服务提升行动方案（2025—2026年）", "一、重点任务", "（一）建设中心。新建中心5个。"]);
    expect([m.issuer, m.issuedOn]).toEqual([null, null]);
  });
});
