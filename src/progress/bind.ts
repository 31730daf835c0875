// Decides whether a figure in a progress text belongs to one of the task's targets: only when the words beside it
// name that target (or name nothing, and the task has one target in that unit), and the verb fits.
import type { Target, Task } from "../plan/schema.js";
import { normalizeText } from "../search/normalize.js";
import { type FigureSubject, figureSubjects, sameMetric } from "./figure-subjects.js";
import { type Figure, figuresInUnit, kindsOf, targetKind } from "./figures.js";
import { formatNumber } from "./format.js";
import type { NamingContext } from "./metric-names.js";
import { trimReportWords } from "./quantity-words.js";
import type { BoundBy } from "./schema.js";

export { figuresInUnit } from "./figures.js";
export type { NamingContext } from "./metric-names.js";

export type Binding =
  | { bound: true; target: Target; value: number; unit: string; by: BoundBy }
  | { bound: false; reason: string | null };

function bigrams(s: string): Set<string> {
  const chars = [...s.toLowerCase().replace(/[\s()（）]/g, "")];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * How clearly the text names a target's metric: character pairs of the metric found in the text, plus the share
 * found as a tie-breaker. Used to pick the example a reply suggests, never to bind.
 */
export function metricScore(metric: string, text: string): number {
  const { hits, of } = metricPairsIn(metric, text);
  return hits === 0 ? 0 : hits + hits / of;
}

function metricPairsIn(metric: string, text: string): { hits: number; of: number } {
  const wanted = bigrams(normalizeText(metric));
  const have = bigrams(normalizeText(text));
  let hits = 0;
  for (const b of wanted) if (have.has(b)) hits++;
  return { hits, of: wanted.size };
}

/** Whether the text mentions the metric: at least two of its character pairs (its only one, for a two-character name). */
export function namesMetric(metric: string, text: string): boolean {
  const { hits, of } = metricPairsIn(metric, text);
  return of > 0 && hits >= Math.min(2, of);
}

/** A figure that may go to a target: the target its words name (or the only one), and whether its verb is the target's. */
interface Candidate {
  target: Target;
  figure: Figure;
  exact: boolean;
  by: BoundBy;
}

/** The targets a figure may go to: those its subject names, or, named nothing, the task's targets in its unit. */
function candidatesOf(task: Task, f: FigureSubject): Candidate[] {
  const targets =
    f.subject.kind === "targets"
      ? f.subject.targets
      : f.subject.kind === "none"
        ? task.targets.filter((t) => t.unit === f.unit)
        : [];
  const by: BoundBy = f.subject.kind === "targets" ? "named" : "sole";
  return targets.flatMap((target) => {
    if (f.figure.kind !== null && !kindsOf(target).has(f.figure.kind)) return [];
    return [{ target, figure: f.figure, exact: f.figure.kind !== null, by }];
  });
}

function kindReason(target: Target, figures: readonly Figure[]): string {
  const kind = targetKind(target);
  const expected = kind === "level" ? "累计/达到的总数" : kind === "increment" ? "新增数" : "提升或下降的幅度";
  return `「${target.metric}」需要${expected},文中的数字(${figures.map((f) => f.raw).join("、")})无法确定是哪一个`;
}

/** Why nothing was bound, naming what the figure's words count when they count something else. */
function unboundReason(task: Task, subjects: readonly FigureSubject[]): string {
  const other = subjects.find((f) => f.subject.kind === "other");
  if (other && other.subject.kind === "other") {
    const own = task.targets.filter((t) => t.unit === other.unit).map((t) => t.metric);
    const metrics = own.join("、");
    if (other.from === "reference") {
      return `${other.figure.raw}前没有写指标名,“${other.subject.what}”也不是本任务的指标(${metrics})`;
    }
    const said = other.from === "words" ? trimReportWords(other.words) : other.subject.what;
    return `${other.figure.raw}说的是“${trimReportWords(said)}”,不是本任务的指标(${metrics})`;
  }
  const named = subjects.flatMap((f) => (f.subject.kind === "targets" ? f.subject.targets : []));
  const target = named[0];
  if (target)
    return kindReason(
      target,
      subjects.map((f) => f.figure),
    );
  const bare = subjects.map((f) => f.unit);
  const targets = task.targets.filter((t) => bare.includes(t.unit));
  if (targets.length > 1) {
    return `数字可能对应多个指标(${targets.map((t) => t.metric).join("、")}),请在文字中写明指标名`;
  }
  const only = targets[0];
  return only
    ? kindReason(
        only,
        subjects.map((f) => f.figure),
      )
    : "未找到与本任务指标单位相符的数字";
}

/**
 * Binds one figure of the text to one target of the task. The words beside a figure decide which target it is
 * about (figure-subjects.ts); a figure whose words name nothing goes to the task's only target in its unit; a figure
 * whose words name some other quantity goes nowhere. Of the figures left, one target must remain, and one figure
 * of the kind its verb calls for (a level, an addition, a change). `hint` is the task reference ("上市公司"): it
 * names the quantity of a figure whose own words name none.
 */
export function bindFigure(task: Task, text: string, hint = "", asOf?: string, ctx: NamingContext = {}): Binding {
  return bindSubjects(task, figureSubjects(task, text, hint, ctx), asOf);
}

/**
 * Binds a figure written apart from its words (a sheet's value cell beside its 进展情况 text) by the same rule:
 * the words are the message and `hint` its task reference. When the words state the figure themselves
 * ("新增产业园区2个" beside 2个), what they say beside it there decides; otherwise the figure is read as written
 * after them ("新增产业园区" beside 三个 reads as 新增产业园区 3个), so words that name nothing leave it bare.
 */
export function bindGivenFigure(
  task: Task,
  figure: { value: number; unit: string },
  words: string,
  hint = "",
  asOf?: string,
  ctx: NamingContext = {},
): Binding {
  const written = `${figure.value}${figure.unit}`;
  // the figure in the words: the same value, in a unit the given one reads as (150亿 for 亿元)
  const isIt = (f: FigureSubject) => f.figure.value === figure.value && figuresInUnit(written, f.unit).length > 0;
  const stated = figureSubjects(task, words, hint, ctx).filter(isIt);
  if (stated.length > 0) return bindSubjects(task, stated, asOf);
  // a space, not a comma: the figure stays in the words' last clause
  const after = words.normalize("NFKC").length + 1;
  const appended = figureSubjects(task, `${words} ${written}`, hint, ctx).filter((f) => f.figure.index >= after);
  return bindSubjects(task, appended, asOf);
}

/** The binding of figures whose subjects are known (bindFigure; split-report.ts binds each target's own figures). */
export function bindSubjects(task: Task, subjects: readonly FigureSubject[], asOf?: string): Binding {
  if (subjects.length === 0) {
    return { bound: false, reason: task.targets.length > 0 ? "未找到与本任务指标单位相符的数字" : null };
  }
  const candidates = subjects.flatMap((f) => candidatesOf(task, f));
  const targets = [...new Map(candidates.map((c) => [c.target.id, c.target])).values()];
  const first = targets[0];
  if (!first) return { bound: false, reason: unboundReason(task, subjects) };
  let target = first;
  if (targets.length > 1) {
    // One metric with a target for several years: the report's day picks the first target not yet past.
    const byYear = targets.every((t) => sameMetric(t, first)) ? milestoneFor(targets, asOf) : null;
    if (!byYear) {
      return {
        bound: false,
        reason: `数字可能对应多个指标(${targets.map((t) => t.metric).join("、")}),请在文字中写明指标名`,
      };
    }
    target = byYear;
  }
  const mine = candidates.filter((c) => sameMetric(c.target, target));
  const figures = [...new Map(mine.map((c) => [c.figure.index, c])).values()];
  const exact = figures.filter((c) => c.exact);
  const unmarked = figures.filter((c) => !c.exact);
  const pick = exact.length === 1 ? exact[0] : exact.length === 0 && unmarked.length === 1 ? unmarked[0] : undefined;
  if (!pick)
    return {
      bound: false,
      reason: kindReason(
        target,
        figures.map((c) => c.figure),
      ),
    };
  return { bound: true, target, value: pick.figure.value, unit: target.unit, by: pick.by };
}

/** Of one metric's targets in several years, the one a report on `asOf` works toward; null without a day. */
function milestoneFor(targets: readonly Target[], asOf: string | undefined): Target | null {
  if (!asOf || targets.length < 2) return null;
  const year = Number(asOf.slice(0, 4));
  const byYear = [...targets].sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999));
  return byYear.find((t) => (t.year ?? 9999) >= year) ?? byYear.at(-1) ?? null;
}

export function describeBinding(b: { target: Target; value: number; unit: string }): string {
  const verb = b.target.comparison === "提升" || b.target.comparison === "下降" ? `已${b.target.comparison}` : "";
  return `${b.target.metric} = ${verb}${formatNumber(b.value)}${b.unit}`;
}

/** The task's targets as an explicit metric names them (--metric, a table's metric column): "t5-1 商贸业总量". */
export function targetChoices(task: Task): string {
  return task.targets.map((t) => `${t.id} ${t.metric}`).join("、");
}
