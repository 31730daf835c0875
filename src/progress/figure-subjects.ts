// What each figure of a progress text counts: the quantity the words beside it name, read as a report is written
// ("本季度新增专精特新企业45家,累计达到520家": the 520 is still about the enterprises named before it).
import type { Target, Task } from "../plan/schema.js";
import { toSimplified } from "../search/normalize.js";
import { type Figure, figuresInUnit } from "./figures.js";
import {
  allTargets,
  explainedBy,
  type NamedTarget,
  type NamingContext,
  namesOf,
  spellings,
  targetScore,
} from "./metric-names.js";
import { namesNoQuantity, normalizeQuantity, trimReportWords } from "./quantity-words.js";

/**
 * What a figure's words name: some of the task's targets (several only when they fit equally, e.g. one metric with
 * targets for several years), another quantity (what), or nothing at all (a bare 累计达到520家).
 */
export type Subject = { kind: "targets"; targets: Target[] } | { kind: "other"; what: string } | { kind: "none" };

export interface FigureSubject {
  figure: Figure;
  unit: string;
  /** the words beside the figure, as written */
  words: string;
  /** what those words name; "none" when they name nothing and nothing before them did either */
  subject: Subject;
  /** how the subject was found: the figure's own words, an earlier figure's (an elided subject), or the reference */
  from: "words" | "earlier" | "reference" | "nothing";
}

/** Clauses end at these; a figure's words never reach across one. */
const CLAUSE_END = /[，,；;。！!？?\n]/;

/** The figures of the text in the units of the task's targets, in reading order, overlapping readings dropped. */
function figuresOf(task: Task, text: string): { figure: Figure; unit: string }[] {
  const units = [...new Set(task.targets.map((t) => t.unit).filter((u) => u !== ""))];
  const all = units
    .flatMap((unit) => figuresInUnit(text, unit).map((figure) => ({ figure, unit })))
    .sort((a, b) => a.figure.index - b.figure.index || b.figure.end - a.figure.end);
  const out: typeof all = [];
  for (const f of all) {
    const last = out.at(-1);
    if (!last || f.figure.index >= last.figure.end) out.push(f);
  }
  return out;
}

/**
 * The words around a figure: back to the clause's start or the figure before it; and, when no other figure follows
 * in the clause, on to its end ("累计达到520家专精特新企业"). Words between two figures are the second one's.
 */
function wordsBeside(s: string, figures: readonly { figure: Figure }[], i: number): { words: string; start: number } {
  const f = figures[i]?.figure;
  if (!f) return { words: "", start: 0 };
  let start = f.index;
  const floor = figures[i - 1]?.figure.end ?? 0;
  while (start > floor && !CLAUSE_END.test(s[start - 1] ?? "")) start--;
  let end = f.end;
  while (end < s.length && !CLAUSE_END.test(s[end] ?? "")) end++;
  const next = figures[i + 1]?.figure.index ?? s.length;
  const after = next < end ? "" : s.slice(f.end, end);
  return { words: `${s.slice(start, f.index)} ${after}`.trim(), start };
}

/** Targets of one metric for several years (5G基站 1,500 by 2024, 2,500 by 2026). */
export function sameMetric(a: Target, b: Target): boolean {
  return normalizeQuantity(a.metric) === normalizeQuantity(b.metric);
}

/**
 * What the words name among targets in one unit: the task's target(s) they fit best, unless a target elsewhere in
 * the plan (another task, the goals) fits them better; words that fit none name some other quantity.
 */
function subjectOfWords(words: string, unit: string, task: Task, ctx: NamingContext): Subject {
  if (namesNoQuantity(words)) return { kind: "none" };
  const spelled = spellings(words, ctx.glossary);
  const named = (t: Target): NamedTarget => ({ target: t, names: namesOf(t, ctx.plan) });
  const own = task.targets.filter((t) => t.unit === unit).map((t) => ({ t, score: targetScore(spelled, named(t)) }));
  const ownNames = new Set(own.flatMap(({ t }) => namesOf(t, ctx.plan)));
  const elsewhere = (ctx.plan ? allTargets(ctx.plan) : [])
    .filter((t) => t.taskNo !== task.no && t.unit === unit && !namesOf(t, ctx.plan).some((n) => ownNames.has(n)))
    .map((t) => ({ t, score: targetScore(spelled, named(t)) }));
  const best = Math.max(0, ...own.map((c) => c.score));
  const rival = elsewhere.reduce<{ t: Target; score: number } | null>(
    (a, c) => (c.score > (a?.score ?? 0) ? c : a),
    null,
  );
  if (rival && rival.score > best) return { kind: "other", what: rival.t.metric };
  if (best > 0) return { kind: "targets", targets: own.filter((c) => c.score === best).map((c) => c.t) };
  return { kind: "other", what: words };
}

/**
 * What the task reference names when the figure's words name nothing ("更新进展 上市公司 已达10家"). A reference
 * made of the task's number or of words from its title names no quantity; one naming a target names that target.
 */
function subjectOfReference(hint: string, unit: string, task: Task, ctx: NamingContext): Subject {
  const words = normalizeQuantity(hint);
  if (namesNoQuantity(words)) return { kind: "none" };
  const subject = subjectOfWords(words, unit, task, ctx);
  if (subject.kind !== "other") return subject;
  return explainedBy(words, normalizeQuantity(task.title)) ? { kind: "none" } : subject;
}

/** the words of a growth rate: 同比增长, 较上年下降, 增长 */
const GROWTH = /^(?:同比|环比|比上年|较上年|比去年|较去年|较上年同期|比上年同期)?(?:增长|下降|增加|减少|提高|降低)$/;

/** Every figure of the text in a unit of the task's targets, with what it counts. */
export function figureSubjects(task: Task, text: string, hint = "", ctx: NamingContext = {}): FigureSubject[] {
  // Full-width digits and traditional characters (建築業總產值實現215億元) read as the plan prints them.
  const s = toSimplified(text.normalize("NFKC"));
  const figures = figuresOf(task, s);
  const out: FigureSubject[] = [];
  for (const [i, { figure, unit }] of figures.entries()) {
    const { words, start } = wordsBeside(s, figures, i);
    let subject = subjectOfWords(normalizeQuantity(words), unit, task, ctx);
    let from: FigureSubject["from"] = "words";
    // "亩均税收达到31.5万元/亩,同比增长8%": a rate of change right after another figure is that figure's growth, not
    // a figure of its own for a target in its unit.
    const previous = out.at(-1);
    if (subject.kind === "none" && previous && previous.unit !== unit && GROWTH.test(normalizeQuantity(words))) {
      out.push({
        figure,
        unit,
        words,
        subject: { kind: "other", what: `${trimReportWords(previous.words)}增速` },
        from: "earlier",
      });
      continue;
    }
    if (subject.kind === "none") {
      // An elided subject is the last one named before it in the same unit, else what the clauses before it
      // (since the last figure) name: "在孵企业方面,累计达到150家".
      const earlier = [...out].reverse().find((x) => x.unit === unit && x.subject.kind !== "none");
      const before = s.slice(figures[i - 1]?.figure.end ?? 0, start);
      const leading = earlier ? earlier.subject : subjectOfWords(normalizeQuantity(before), unit, task, ctx);
      if (leading.kind !== "none") {
        subject = leading;
        from = "earlier";
      } else {
        subject = subjectOfReference(hint, unit, task, ctx);
        from = subject.kind === "none" ? "nothing" : "reference";
      }
    }
    out.push({ figure, unit, words, subject, from });
  }
  return out;
}
