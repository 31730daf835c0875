// The figures a plan's sentence states (400名, 1万名左右, 10000套, 30%), and which of them no target of the matrix
// holds: what a reply, the digest and the dashboard must never deny ("the plan sets none") — the matrix may simply
// not have a target for them yet.
import { parseFigure } from "./numbers.js";
import type { ResponsibilityMatrix, Target, Task } from "./schema.js";
import { COUNTING_UNITS, figureNamesAClass, MEASURED_UNITS, unitPattern } from "./units.js";

/** Units of counted or measured things (the one list, src/plan/units.ts); years (年) and ordinals (第) are not figures a target sets. */
const UNITS = [...COUNTING_UNITS, ...MEASURED_UNITS];
const NUMBER = String.raw`(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)`;
const SCALE = "(万|亿|千|百)?";
const FIGURE = new RegExp(
  `(?<!第|\\d|[零〇一二两三四五六七八九十百千])${NUMBER}${SCALE}(${unitPattern(UNITS)})(左右|以上|以内)?`,
  "g",
);

export interface StatedFigure {
  /** as written: "1万名左右" */
  text: string;
  /** with the words after it that say what is counted: "10000套人才公寓" */
  phrase: string;
  /** the number before its scale word: 1 for 1万名 */
  value: number;
  /** scale word and unit: 万名 */
  unit: string;
}

/** The figures a sentence states, in order. A lone Chinese 一 (一个平台, 一家) is a word, not a figure. */
export function statedFigures(sentence: string): StatedFigure[] {
  const out: StatedFigure[] = [];
  const text = sentence.normalize("NFKC");
  for (const m of text.matchAll(FIGURE)) {
    const [written, number = "", scale = "", unit = ""] = m;
    const value = parseFigure(number);
    if (value === null) continue;
    const chinese = !/^\d/.test(number);
    if (chinese && value < 2 && !scale) continue;
    // 20户以上自然村: the figure says which villages, it is not one the plan sets
    if (figureNamesAClass(`${scale}${unit}`, text.slice((m.index ?? 0) + number.length + scale.length + unit.length)))
      continue;
    const after = /^[\p{Script=Han}]{0,6}/u.exec(text.slice((m.index ?? 0) + written.length))?.[0] ?? "";
    const counted = after.split(/和|与|及|、|等|的/)[0] ?? "";
    out.push({ text: written, phrase: written + counted, value, unit: `${scale}${unit}` });
  }
  return out;
}

/** Whether a target carries this figure: the same number in the same unit (亿 and 亿元 alike). */
function holds(t: Target, f: StatedFigure): boolean {
  if (t.value === null) return false;
  const { unit } = f;
  const sameUnit = t.unit === unit || t.unit === `${unit}元` || unit === `${t.unit}元` || unit.endsWith(t.unit);
  if (!sameUnit) return false;
  const scaled = unit.length > t.unit.length && /^[万亿千百]/.test(unit) && !/^[万亿千百]/.test(t.unit);
  const factor = scaled ? ({ 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 }[unit[0] as "万"] ?? 1) : 1;
  return t.value === f.value * factor || t.valueText === String(f.value);
}

/**
 * The figures of a sentence that none of the targets holds. Figures inside a defect's excerpt (two figures run
 * together: 3010亿元) are not the plan's figures, and are left to the defect's note.
 */
export function unheldFigures(
  sentence: string,
  targets: readonly Target[],
  defects: readonly string[] = [],
): StatedFigure[] {
  return statedFigures(sentence).filter(
    (f) => !targets.some((t) => holds(t, f)) && !defects.some((d) => d.includes(f.text) || f.text.includes(d)),
  );
}

/** Every target of a plan: its goals' and its tasks'. */
export function allTargets(plan: ResponsibilityMatrix): Target[] {
  return [...plan.goals.targets, ...plan.tasks.flatMap((t) => t.targets)];
}

/** A sentence of the plan with the figures it states that no target of the matrix holds. */
export interface UnheldSentence {
  sentence: string;
  figures: StatedFigure[];
}

/**
 * Each plan's sentences with their unheld figures, found once: every reply about a task asks again. A loaded plan is
 * never changed (a reload or a review builds new objects), so the plan object is the key.
 */
const unheldByPlan = new WeakMap<ResponsibilityMatrix, Map<string, StatedFigure[]>>();

/** The sentences of some text of a plan (a task's, a measure's) holding figures no target of the plan holds. */
export function unheldIn(plan: ResponsibilityMatrix, sentences: readonly string[]): UnheldSentence[] {
  let known = unheldByPlan.get(plan);
  if (!known) {
    known = new Map();
    unheldByPlan.set(plan, known);
  }
  let targets: Target[] | undefined;
  let defects: string[] | undefined;
  const out: UnheldSentence[] = [];
  for (const sentence of sentences) {
    let figures = known.get(sentence);
    if (!figures) {
      targets ??= allTargets(plan);
      defects ??= plan.warnings.filter((w) => w.code === "number_fused").map((w) => w.excerpt);
      figures = unheldFigures(sentence, targets, defects);
      known.set(sentence, figures);
    }
    if (figures.length > 0) out.push({ sentence, figures });
  }
  return out;
}

/** A task's sentences holding figures no target holds. */
export function unheldInTask(plan: ResponsibilityMatrix, task: Task): UnheldSentence[] {
  return unheldIn(plan, task.sentences);
}

/** "400名、10000套": figures as a reply lists them, the first few. */
export function listFigures(figures: readonly StatedFigure[], max = 3): string {
  const texts = [...new Set(figures.map((f) => f.phrase))];
  return texts.slice(0, max).join("、") + (texts.length > max ? "等" : "");
}

/** How staff add a target the matrix lacks: by review of the matrix, never by editing the plan text. */
export const ADD_TARGET_BY_REVIEW = "可经 planbot matrix export/import 复核补上";

/**
 * What every surface (reply, digest, dashboard) says of text without a target in the matrix: the figures it states,
 * and how to add the target; "原文未设定量化目标" only when the text states none.
 */
export function noTargetNote(unheld: readonly UnheldSentence[]): string {
  if (unheld.length === 0) return "原文未设定量化目标";
  return `矩阵中还没有目标条目;原文写有${listFigures(unheld.flatMap((u) => u.figures))},尚未收录(${ADD_TARGET_BY_REVIEW})`;
}

/**
 * 较2023年翻一番, 比2020年增长一倍: a change against a past level. It states no absolute figure, and none may be made
 * of it (the past level is not in the plan).
 */
export const RELATIVE_CHANGE =
  /(?:较|比|在)(?:19|20)\d{2}年(?:底|末)?(?:的基础上)?(?:翻一番|翻番|翻两番|翻了一番|增长一倍|增加一倍|翻一倍)/;
