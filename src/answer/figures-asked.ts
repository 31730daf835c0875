// What a question asks of the plan's figures and years: a figure it quotes (800亿), whether that figure is right
// (是12家吗), and a year the plan does or does not set targets for.
import { RECURRING, type ResponsibilityMatrix, type Target, type Task } from "../plan/schema.js";
import { subjectOf } from "./kinds/subject-words.js";
import type { ParsedQuestion } from "./question.js";
import { ASKS_IF_RIGHT } from "./question-forms.js";
import type { Resolution } from "./resolution.js";

/** The years targets fall due in, earliest first. */
export function plannedYears(targets: Target[]): number[] {
  return [...new Set(targets.map((t) => t.year).filter((y): y is number => y !== null))].sort();
}

/**
 * A question about a year the plan sets no target for is not covered, whatever the topic; of a subject's targets in
 * several years, the year asked is kept.
 */
export function checkYears(r: Resolution, q: ParsedQuestion): Resolution {
  if (r.kind !== "task" && r.kind !== "goals") return r;
  // Progress in a year the plan sets no target for ("今年进展如何") is still progress; "今年…是由哪个单位牵头" asks who.
  if (r.intents.has("progress")) return r;
  if ((r.intents.has("lead") || r.intents.has("partners")) && !r.intents.has("targets")) return r;
  if (q.years.length === 0) return withinTheYear(r, q);
  const targets = r.kind === "task" ? r.task.targets : r.plan.goals.targets;
  const planned = plannedYears(targets);
  // "2023年基期值是多少": a year the plan states a starting level for is asked about that level, not a target.
  const started = new Set(targets.map((t) => t.from?.year).filter((y): y is number => y != null));
  const asked = q.years.filter((y) => !planned.includes(y) && !started.has(y));
  if (planned.length === 0) return r;
  if (asked.length === 0) {
    // "2024年5G基站要建多少个": of a subject's targets in several years, the year asked; "2025年底阶段性目标": of
    // the goals, those of the year.
    const pool = r.focus ?? (r.kind === "goals" ? r.plan.goals.targets : null);
    if (!pool) return r;
    const inYear = pool.filter((t) => t.year !== null && q.years.includes(t.year));
    return inYear.length > 0 && inYear.length < pool.length ? withinTheYear({ ...r, focus: inYear }, q) : r;
  }
  // "软件业务收入26年要到多少": the goals set it for 2027 only, but a task sets the same measure for the year asked.
  if (r.kind === "goals" && r.focus?.length) {
    const inTask = taskTargetsInYears(r.plan, r.focus, q.years);
    if (inTask) return { kind: "task", plan: r.plan, task: inTask.task, intents: r.intents, focus: inTask.targets };
  }
  // A yearly (年均) target asked of a year inside the period ("2024年能耗下降目标") is that year's target too.
  const period = r.plan.period;
  const inPeriod = (y: number) => !!period && y >= period.startYear && y <= period.endYear;
  if (r.focus?.length && r.focus.every((t) => RECURRING.test(t.metric)) && asked.every(inPeriod)) return r;
  return {
    kind: "not_covered",
    subject: `${asked[0]}年的目标`,
    why: "year",
    nearest: r.kind === "task" ? [{ plan: r.plan, task: r.task }] : [],
    plannedYears: planned.sort(),
    // "上市公司今年要达到几家": what the plan does set for the subject, in its own years.
    ...(r.focus && r.focus.length > 0 ? { planned: r.focus } : {}),
    plan: r.plan,
    ...(r.kind === "task" ? { task: r.task } : {}),
  };
}

/** 年底前, 6月底前, 第三季度: a time within a year as a question names it */
const TIME_IN_YEAR = /\d{1,2}月底|年底|上半年|下半年|第[一二三四]季度/;

/**
 * "年底前要扩到多少个": of a subject's targets due at several times of one year (6月底前 100个, 年底前 150个), the one
 * whose deadline the question names.
 */
function withinTheYear(r: Resolution, q: ParsedQuestion): Resolution {
  if (r.kind !== "task" || !r.focus || r.focus.length < 2) return r;
  const said = TIME_IN_YEAR.exec(q.normalized)?.[0];
  if (!said) return r;
  const due = r.focus.filter((t) => t.deadline?.text.includes(said));
  return due.length > 0 && due.length < r.focus.length ? { ...r, focus: due } : r;
}

/** The one task that sets a goal's own measure (same metric and unit) for one of the years asked. */
function taskTargetsInYears(
  plan: ResponsibilityMatrix,
  goals: Target[],
  years: number[],
): { task: Task; targets: Target[] } | undefined {
  // 既有多层住宅加装电梯 and 既有多层住宅累计加装电梯 are one measure: 累计 says how it is counted.
  const core = (m: string) => m.replace(/累计|新增/g, "");
  const same = (t: Target) => goals.some((g) => core(g.metric) === core(t.metric) && g.unit === t.unit);
  const found = plan.tasks
    .map((task) => ({
      task,
      targets: task.targets.filter((t) => same(t) && t.year !== null && years.includes(t.year)),
    }))
    .filter((x) => x.targets.length > 0);
  return found.length === 1 ? found[0] : undefined;
}

/** A figure as users write it: 800亿, 600家, 3.5%, 2个百分点. */
const FIGURE = /(\d+(?:\.\d+)?)\s*(个百分点|万元\/亩|亿元|万元|亿|万|家|个|亩|项|%)/g;

/**
 * The targets whose figure the topic quotes ("800亿" → gdp 800亿元): the overall goals' first, else one task's.
 * Undefined when no target or several tasks' targets carry it: a bare figure then names nothing for certain.
 */
export function targetsWithFigure(
  plan: ResponsibilityMatrix,
  topic: string,
): { task: Task | null; targets: Target[] } | undefined {
  const quoted = [...topic.matchAll(FIGURE)].map((m) => ({ value: Number(m[1]), unit: m[2] ?? "" }));
  if (quoted.length === 0) return undefined;
  const carries = (t: Target) => quoted.some((f) => t.value === f.value && t.unit.startsWith(f.unit));
  const goals = plan.goals.targets.filter(carries);
  if (goals.length > 0) return { task: null, targets: goals };
  const tasks = plan.tasks.filter((t) => t.targets.some(carries));
  const [task] = tasks;
  return tasks.length === 1 && task ? { task, targets: task.targets.filter(carries) } : undefined;
}

/** Units as people write them (亿, 万) and as plans print them (亿元, 万元). */
const sameUnit = (said: string, printed: string) =>
  printed === said || printed === `${said}元` || printed.startsWith(said);

/**
 * "高端装备制造是不是200亿": the answer first says whether the quoted figure is the plan's. Only figures in a unit the
 * asked targets use are judged; the plan's own figure is what the reply then shows.
 */
export function withFigureCheck(r: Resolution, q: ParsedQuestion): Resolution {
  if ((r.kind !== "task" && r.kind !== "goals") || !ASKS_IF_RIGHT.test(q.normalized)) return r;
  // "现在是10家吗" asks about progress, not about the plan's figure.
  if (r.intents.has("progress")) return r;
  if (r.kind === "task" && r.noFigureFor) return r;
  const pool = (r.focus ?? (r.kind === "task" ? r.task.targets : r.plan.goals.targets)).filter((t) => t.value !== null);
  // Only a figure in a unit of the asked targets is a claim about them (百亿企业 is a name, 8家 the claim).
  const quoted = [...q.normalized.matchAll(FIGURE)]
    .map((m) => ({ value: Number(m[1]), unit: m[2] ?? "" }))
    .filter((f) => pool.some((t) => sameUnit(f.unit, t.unit)));
  const [said] = quoted;
  if (!said || quoted.length > 1) return r;
  const inUnit = pool.filter((t) => sameUnit(said.unit, t.unit));
  const same = inUnit.filter((t) => t.value === said.value);
  // "…是不是各500亿": a claim about every one of them.
  const claimsEach = /各|都|均|分别/.test(q.normalized) && inUnit.length > 1;
  const agrees = claimsEach ? same.length === inUnit.length : same.length > 0;
  return { ...r, checked: agrees ? { agrees, targets: same } : { agrees, targets: inUnit } };
}

/**
 * Asking how much money: 多少钱, or a word of money right before how much (总投资多少, 建设资金有多少, 水价是多少);
 * not a subject that only holds such a word (稳投资的目标是多少).
 */
const ASKS_MONEY =
  /多少钱|(?:投资|投入|资金|金额|经费|预算|补贴|补助|奖补|费用|成本|价格|价钱|[水电气]价|收费)(?:总额|总量|规模|额度|标准)?(?:是|有|为|要|能|共|一共|大概)*(?:多少|几|多大)/;
/** a figure in money, as plans print it: 5000万元, 2.5元, 3亿元 */
const MONEY_FIGURE = /\d(?:[\d.]*)\s*(?:亿|万|千)?元/;

/**
 * "小型水库除险加固总投资多少", "自来水多少钱一吨": a sum of money asked of a subject whose task (or the goals) states
 * none is not covered, whatever counts the plan does set for the subject (80座 is not an investment). The reply
 * says so and shows what the plan does set.
 */
export function checkMoney(r: Resolution, q: ParsedQuestion): Resolution {
  if (r.kind !== "task" && r.kind !== "goals") return r;
  if (r.kind === "task" && r.noFigureFor) return r;
  // Only a question for a figure asks for a sum ("稳投资谁牵头" asks who).
  if (!r.intents.has("targets")) return r;
  // A department's name is not a question about money (投资促进局).
  const words = q.departments.reduce((text, d) => text.split(d.said).join(" "), q.normalized);
  if (!ASKS_MONEY.test(words)) return r;
  const sentences = r.kind === "task" ? r.task.sentences : [r.plan.goals.text];
  const targets = r.kind === "task" ? r.task.targets : r.plan.goals.targets;
  if (sentences.some((x) => MONEY_FIGURE.test(x)) || targets.some((t) => t.unit.endsWith("元"))) return r;
  const planned = r.focus && r.focus.length > 0 ? r.focus : [];
  return {
    kind: "not_covered",
    subject: subjectOf(q),
    why: "amount",
    nearest: r.kind === "task" ? [{ plan: r.plan, task: r.task }] : [],
    plan: r.plan,
    ...(planned.length > 0 ? { planned } : {}),
    ...(r.kind === "task" ? { task: r.task } : {}),
  };
}
