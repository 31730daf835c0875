// One list of units for the importer's targets, its deadlines and the stated figures replies must never deny.
import { describe, expect, it } from "vitest";
import { dueMarks } from "../../src/plan/import/deadlines.js";
import { extractTargets } from "../../src/plan/import/targets.js";
import { statedFigures } from "../../src/plan/stated-figures.js";

describe("a counting unit is read the same by every reader", () => {
  it.each(["部", "座", "台", "处", "条", "间", "张", "辆", "所"])(
    "到2000%s is a figure, a target and a stated figure",
    (unit) => {
      const sentence = `力争到2000${unit}，更新配备消防车辆装备，全年购置12${unit}。`;
      expect(dueMarks(sentence, 2024)).toEqual([]);
      expect(statedFigures(sentence).map((f) => f.text)).toEqual([`2000${unit}`, `12${unit}`]);
      const t = extractTargets(`到2027年，新建文化驿站35${unit}。`, { inGoals: false, startYear: 2025 });
      expect(t.targets.map((x) => [x.value, x.unit, x.year])).toEqual([[35, unit, 2027]]);
    },
  );
});

describe("a figure that names a class of things is read the same by every reader", () => {
  it.each([
    ["实现20户以上自然村光纤全覆盖。", [], []],
    ["年营收10亿元以上企业达到30家。", ["30家"], [[30, "家"]]],
    ["培育10家以上企业。", ["10家以上"], [[10, "家"]]],
  ])("%s", (sentence, stated, targets) => {
    expect(statedFigures(sentence).map((f) => f.text)).toEqual(stated);
    const t = extractTargets(`到2025年，${sentence}`, { inGoals: false, startYear: 2024 });
    expect(t.targets.map((x) => [x.value, x.unit])).toEqual(targets);
  });
});
