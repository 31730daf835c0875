// The importer never aborts on a plan: unreadable parts become warnings on their line, and a matrix that still cannot
// validate fails with a Chinese message naming line and field, never a raw schema dump or a stack trace.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { extractTargets } from "../../src/plan/import/targets.js";
import { PlanImportError, validateMatrix } from "../../src/plan/import/validate.js";
import { ResponsibilityMatrix } from "../../src/plan/schema.js";

const minimal = () => ({
  schemaVersion: 1,
  slug: "p",
  title: "某计划",
  issuer: null,
  issuedOn: null,
  period: null,
  source: { file: "s.txt", sha256: "0".repeat(64) },
  goals: { text: "", sentences: [], targets: [] },
  measures: [],
  warnings: [],
  tasks: [
    {
      no: 1,
      label: "1.",
      section: "重点任务",
      title: "人才公寓",
      text: "筹集建设1000套人才公寓。",
      sentences: ["筹集建设1000套人才公寓。"],
      lead: ["市住房保障办"],
      partners: [],
      attribution: "",
      line: 17,
      targets: [
        {
          id: "t1-1",
          taskNo: 1,
          metric: "",
          value: 1000,
          valueText: "1000",
          unit: "套",
          year: null,
          comparison: "达到",
          sentence: "筹集建设1000套人才公寓。",
          warnings: [],
        },
      ],
    },
  ],
});

describe("an item the importer cannot read fully", () => {
  it("says which field of the plan is wrong when the plan itself cannot be stored", () => {
    expect(() =>
      importPlan("某计划\n一、重点任务\n1.做事。(牵头单位:区财政局)", { slug: "Bad Slug", sourceFile: "s" }),
    ).toThrow("计划的计划代号格式不对");
  });

  it("is kept, and the part not understood is named with its line", () => {
    const matrix = validateMatrix(minimal());
    expect(matrix.tasks).toHaveLength(1);
    expect(matrix.tasks[0]?.targets).toEqual([]);
    expect(matrix.warnings).toEqual([
      expect.objectContaining({
        code: "not_understood",
        line: 17,
        taskNo: 1,
        message: expect.stringContaining("第17行"),
      }),
    ]);
  });

  it("fails validation in plain Chinese, by line and field", () => {
    const raw = minimal();
    (raw.tasks[0] as { lead: unknown }).lead = "市住房保障办";
    const error = (() => {
      try {
        validateMatrix(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlanImportError);
    expect((error as PlanImportError).message).toContain("第17行 任务“人才公寓”的牵头单位缺失或类型不对");
    expect((error as PlanImportError).message).not.toMatch(/"code"|\[\{|path/);
    expect((error as PlanImportError).line).toBe(17);
  });
});

// Plan texts in the styles real plans use, assembled from parts; junk lines stand for what a scrape leaves behind.
const units = ["名", "万名", "套", "项", "家", "个", "场次", "亿元", "%", "PFlops", "户", "人次"];
const periods = ["到2025年,", "到2026年底前,", "5年内", "2012年起5年内", "三年内", "每年", "连续3年", ""];
const comparisons = ["达到", "不少于", "", "提高到", "突破"];
const suffixes = ["", "左右", "以上"];
const subjects = ["人才公寓", "专家工作站", "算力规模", "青年科技人才", "产业引导基金规模", "5G基站"];
const departments = ["市发展改革委", "区财政局", "市人力资源和社会保障局", "区科技局", "各区、县级市", "各街道"];
const attribution = fc.oneof(
  fc
    .tuple(fc.constantFrom(...departments), fc.subarray(departments))
    .map(([l, p]) => `（牵头单位：${l}，配合单位：${p.join("、")}）`),
  fc.subarray(departments, { minLength: 1 }).map((d) => `(责任单位:${d.join("、")},排在首位的为牵头单位,下同)`),
  fc.tuple(fc.constantFrom(...departments), fc.subarray(departments)).map(([l, p]) => `(${l}牵头,${p.join("、")}配合)`),
  fc.subarray(departments, { minLength: 1 }).map((d) => `(${d.join("、")}负责)`),
  fc.constant(""),
);
const figureSentence = fc
  .tuple(
    fc.constantFrom(...periods),
    fc.constantFrom(...subjects),
    fc.constantFrom(...comparisons),
    fc.integer({ min: 1, max: 20000 }),
    fc.constantFrom(...units),
    fc.constantFrom(...suffixes),
    fc.constantFrom(...subjects),
  )
  .map(([period, s, c, n, u, x, s2]) => `${period}${s}${c}${n}${u}${x}和${n + 1}${u}${s2}。`);
const numbering = fc.constantFrom("1.", "11.", "(一)", "（二）", "3、");
const item = fc.tuple(numbering, fc.constantFrom(...subjects), fc.array(figureSentence, { maxLength: 3 }), attribution);
const junk = fc.string({
  unit: fc.constantFrom(..."年月日。，、：:（）()1234567890牵头单位配合下同到每年内一二三四五、.名个% "),
  maxLength: 30,
});
const sectionTitle = fc.constantFrom(
  "重点任务",
  "主要措施",
  "创新人才工作体制机制",
  "强化组织实施",
  "保障措施",
  "总体要求",
);
const planText = fc
  .tuple(
    fc.constantFrom(
      "",
      "东府〔2021〕54号\n",
      "某市人民政府办公室 关于印发《某市某某行动计划(2024—2026年)》的通知\n2024年3月1日\n",
    ),
    fc.constantFrom("某市某某行动计划(2024—2026年)", "关于推进某工程的实施意见", "某区实施方案"),
    fc.array(figureSentence, { maxLength: 3 }),
    fc.array(
      fc.tuple(
        sectionTitle,
        fc.array(
          fc.oneof(
            item.map((i) => ["item", i] as const),
            junk.map((j) => ["junk", j] as const),
          ),
          { maxLength: 5 },
        ),
      ),
      {
        maxLength: 4,
      },
    ),
  )
  .map(([notice, title, goals, sections]) => {
    const cn = "一二三四五六七八九";
    const lines = [notice + title, "为推进工作,制定本方案。", "一、总体目标", goals.join("")];
    sections.forEach(([heading, entries], i) => {
      lines.push(`${cn[i + 1]}、${heading}`);
      for (const [kind, e] of entries) {
        if (kind === "junk") lines.push(e as string);
        else {
          const [no, subject, sentences, attr] = e as [string, string, string[], string];
          lines.push(`${no}${subject}工程。${sentences.join("")}${attr}`);
        }
      }
    });
    return lines.join("\n");
  });

describe("plans in many styles", () => {
  it("import into a matrix that validates, or fail with a line-numbered Chinese message", () => {
    fc.assert(
      fc.property(planText, (text) => {
        try {
          const { matrix } = importPlan(text, { slug: "generated", sourceFile: "source.txt" });
          expect(() => ResponsibilityMatrix.parse(matrix)).not.toThrow();
          for (const t of matrix.tasks) expect(t.title.trim()).not.toBe("");
          for (const w of matrix.warnings) expect(w.message).toMatch(/[\u4e00-\u9fa5]/);
        } catch (e) {
          expect(e).toBeInstanceOf(PlanImportError);
          expect((e as Error).message).toMatch(/第\d+行|计划的/);
          expect((e as Error).message).not.toMatch(/"code"|\[\{|\n\s+at /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never keeps a rule or a sentence fragment as a department", () => {
    fc.assert(
      fc.property(planText, (text) => {
        const { matrix } = importPlan(text, { slug: "generated", sourceFile: "source.txt" });
        for (const name of matrix.tasks.flatMap((t) => [...t.lead, ...t.partners])) {
          expect(name).not.toMatch(/排在首位|下同|为牵头|按职责|[。，,:：]/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// The same styles without junk, where the generator knows what a reader finds: one task per item, its lead and partners.
interface GeneratedItem {
  body: string;
  lead: string[];
  partners: string[];
}
const attributed: fc.Arbitrary<GeneratedItem> = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constantFrom(...departments), fc.subarray(departments)).map(([l, p]) => ({
        text: `（牵头单位：${l}，配合单位：${p.join("、")}）`,
        lead: [l],
        partners: p.filter((x) => x !== l),
      })),
      fc.subarray(departments, { minLength: 1 }).map((d) => ({
        text: `(责任单位:${d.join("、")},排在首位的为牵头单位,下同)`,
        lead: d.slice(0, 1),
        partners: d.slice(1),
      })),
      fc.tuple(fc.constantFrom(...departments), fc.subarray(departments, { minLength: 1 })).map(([l, p]) => ({
        text: `(${l}牵头,${p.join("、")}配合)`,
        lead: [l],
        partners: p.filter((x) => x !== l),
      })),
      fc.subarray(departments, { minLength: 1 }).map((d) => ({
        text: `(${d.join("、")}负责)`,
        lead: d.slice(0, 1),
        partners: d.slice(1),
      })),
      fc.constant({ text: "", lead: [] as string[], partners: [] as string[] }),
    ),
    fc.constantFrom(...subjects),
    fc.array(figureSentence, { maxLength: 2 }),
  )
  .map(([a, subject, sentences]) => ({
    body: `${subject}工程。${sentences.join("")}${a.text}`,
    lead: a.lead,
    partners: a.partners,
  }));
const sectionOf = fc.tuple(
  fc.constantFrom("重点任务", "创新人才工作体制机制", "强化组织实施", "保障措施", "总体要求"),
  fc.constantFrom("arabic", "chinese"),
  fc.array(attributed, { minLength: 1, maxLength: 4 }),
);

describe("plans in many styles, read as a reader reads them", () => {
  it("make a task of every numbered item, with its lead and partners", () => {
    fc.assert(
      fc.property(fc.array(sectionOf, { minLength: 1, maxLength: 3 }), (sections) => {
        const cn = "一二三四五六七八九";
        const lines = ["某区某某行动方案(2024—2026年)", "为推进工作,制定本方案。"];
        const expected: GeneratedItem[] = [];
        let n = 0;
        sections.forEach(([title, style, items], i) => {
          lines.push(`${cn[i]}、${title}`);
          const kind = /保障|措施/.test(title) ? "measures" : /总体要求/.test(title) ? "preamble" : title;
          items.forEach((item, j) => {
            n++;
            lines.push(style === "arabic" ? `${n}.${item.body}` : `(${cn[j]})${item.body}`);
            // Numbered items are tasks in any part but the frame and the safeguards; (一) items in a part that is
            // not the tasks' only when they name who does them.
            const task =
              kind !== "measures" &&
              kind !== "preamble" &&
              (style === "arabic" || kind === "重点任务" || item.lead.length > 0);
            if (task) expected.push(item);
          });
        });
        const { matrix } = importPlan(lines.join("\n"), { slug: "generated", sourceFile: "source.txt" });
        expect(matrix.tasks.map((t) => [t.lead, t.partners])).toEqual(expected.map((e) => [e.lead, e.partners]));
      }),
      { numRuns: 300 },
    );
  });
});

describe("figures in many styles", () => {
  it("are read with their value and unit, one target per subject, whatever the period and comparison", () => {
    const sentence = fc.tuple(
      fc.constantFrom(...periods),
      fc.constantFrom(...subjects),
      fc.constantFrom(...comparisons),
      fc.integer({ min: 1, max: 20000 }),
      fc.constantFrom(...units),
      fc.constantFrom(...suffixes),
      fc.constantFrom(...subjects),
    );
    fc.assert(
      fc.property(sentence, ([period, s, c, n, u, x, s2]) => {
        const text = `${period}${s}${c}${n}${u}${x}和${n + 1}${u}${s2}。`;
        const { targets, defects } = extractTargets(text, { inGoals: true, startYear: 2024 });
        expect(targets.map((t) => [t.value, t.unit])).toEqual([
          [n, u],
          [n + 1, u],
        ]);
        expect(targets.every((t) => t.metric !== "")).toBe(true);
        expect(defects).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
