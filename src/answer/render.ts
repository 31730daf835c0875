// Renders a resolution as short Chinese WeCom markdown: the plan's facts, its own sentence quoted, defects flagged.
import { chineseDate } from "../plan/chinese-date.js";
import { collectiveTakesIn } from "../plan/collectives.js";
import type { Measure, ResponsibilityMatrix, Task } from "../plan/schema.js";
import { ADD_TARGET_BY_REVIEW, listFigures, unheldIn, unheldInTask } from "../plan/stated-figures.js";
import { daysBetween } from "../progress/dates.js";
import { formatPercent } from "../progress/format.js";
import { renderStatusOverview } from "../progress/overview.js";
import { renderRecentProgress } from "../progress/recent.js";
import { renderTaskProgress } from "../progress/render.js";
import { elapsedShare, targetPeriod } from "../progress/status.js";
import { renderDeadlines } from "./deadline.js";
import type { Examples } from "./examples.js";
import { figureScore, subjectScore, trimmedToClauses } from "./quote.js";
import { recentWindow } from "./recent-window.js";
import { collectives, quoted, quotes, renderWarnings, targetText, taskLine, warningsFor } from "./render-parts.js";
import { renderNoFigure, renderTask, taskTargetLines } from "./render-task.js";
import type { FigureCheck, PlanField, Resolution, RoleCheck } from "./resolution.js";
import type { AnswerContext } from "./types.js";

/** a department named in many plans: list this many, count the rest */
export const MAX_PLANS_LISTED = 3;
/** plans named when asking which one a question means */
const MAX_PLANS_NAMED = 10;

function sum<T>(list: T[], f: (x: T) => number): number {
  return list.reduce((n, x) => n + f(x), 0);
}

export interface RenderOptions {
  /** name the plan in every answer (when several plans are loaded) */
  namePlan: boolean;
  /** example questions in the loaded plans' words */
  examples: Examples;
}

export function renderResolution(r: Resolution, ctx: AnswerContext, opts: RenderOptions): string {
  switch (r.kind) {
    case "task":
      return withPlan(
        r.plan,
        opts,
        [
          ...verdict(r.checked),
          ...(r.roleCheck ? [roleVerdict(r.task, r.roleCheck, "本任务")] : []),
          ...(r.asksDeadline ? renderDeadlines(r.task, r.focus ?? r.task.targets, r.dueClause) : []),
          r.noFigureFor
            ? renderNoFigure(r.plan, r.task, r.noFigureFor, r.intents)
            : renderTask(r.plan, r.task, r.focus, r.intents, ctx, r.topicSentence, r.countUnits),
          ...(r.alsoRelevant?.length ? [`另见:${r.alsoRelevant.slice(0, 3).map(taskLine).join(";")}`] : []),
        ].join("\n"),
      );
    case "goals":
      return withPlan(
        r.plan,
        opts,
        [
          ...verdict(r.checked),
          ...(r.roleCheck && r.carriers?.[0] ? [roleVerdict(r.carriers[0], r.roleCheck, "对应任务")] : []),
          ...(r.asksDeadline ? renderDeadlines(null, r.focus ?? r.plan.goals.targets) : []),
          renderGoals(r, ctx),
        ].join("\n"),
      );
    case "measures":
      return withPlan(
        r.plan,
        opts,
        [
          r.all ? `**保障措施(共${r.measures.length}条)**` : "**保障措施**",
          ...(r.unmatched ? [`保障措施中未涉及“${r.unmatched}保障”,计划没有这方面的专门规定。保障措施如下:`] : []),
          ...(r.askedWho && r.all ? ["计划未写明由谁负责整个计划的落实;保障措施如下:"] : []),
          ...(r.askedWho && !r.all ? ["保障措施未写明牵头或协同部门,原文如下:"] : []),
          ...(r.askedFigure ? [measuresFigureLine(r.plan, r.measures, r.askedFigure)] : []),
          ...r.measures.map((m) =>
            r.all ? `${m.label}${m.title}` : `${m.label}**${m.title}**\n> 原文:“${m.title}。${m.text}”`,
          ),
          ...(r.unmatched && r.mentionedIn
            ? [`另见:重点任务${taskLine(r.mentionedIn)}提到了“${r.unmatched}”(可问“${r.mentionedIn.label}谁牵头”)`]
            : []),
        ].join("\n"),
      );
    case "dept_tasks": {
      const shown = r.plans.slice(0, MAX_PLANS_LISTED);
      const more = r.plans.slice(MAX_PLANS_LISTED);
      const tail = more.length
        ? `\n\n另有${more.length}个计划中,${r.department}牵头${sum(more, (e) => e.lead.length)}项、协同${sum(more, (e) => e.partner.length)}项任务(请在问题中写明计划所在地区)。`
        : "";
      const corrected = r.saidAs ? `(按“${r.department}”理解“${r.saidAs}”)\n` : "";
      return `${corrected}${shown
        .map((e) =>
          withPlan(
            e.plan,
            opts,
            [
              ...(e.lead.length
                ? [
                    r.withTargets
                      ? `**${r.department}** 牵头的任务(${e.lead.length}项,共${sum(e.lead, (t) => t.targets.length)}项量化目标):`
                      : `**${r.department}** 牵头的任务(${e.lead.length}项):`,
                    ...e.lead.flatMap((t) =>
                      r.withTargets ? [taskLine(t), ...taskTargetLines(e.plan, t)] : [taskLine(t)],
                    ),
                  ]
                : [`**${r.department}** 未牵头任何任务。`]),
              `**${r.department}** 作为协同部门的任务(${e.partner.length}项):`,
              ...(e.partner.length ? e.partner.map(taskLine) : ["无"]),
              ...(e.viaGroup.length
                ? [
                    `另有${e.viaGroup.length}项任务的协同部门为“${e.viaGroup[0]?.group}”等集体表述:${e.viaGroup.map((v) => v.task.label).join("")}`,
                  ]
                : []),
            ].join("\n"),
          ),
        )
        .join("\n\n")}${tail}`;
    }
    case "year_targets": {
      const all = r.groups.flatMap((g) => g.targets);
      const firstTask = r.groups.find((g) => g.task)?.task;
      return withPlan(
        r.plan,
        opts,
        [
          r.year === null
            ? `**每年(年均)的目标(共${all.length}项)**`
            : r.plannedYears
              ? `计划未单独设定${r.year}年的目标(目标年份为${r.plannedYears.join("、")}年);每年(年均)的目标也适用于${r.year}年(共${all.length}项):`
              : `**${r.year}年的目标(共${all.length}项)**`,
          ...r.groups.flatMap((g) => [
            g.task ? `${taskLine(g.task)}:` : "总体目标:",
            ...g.targets.map((t) => `- ${targetText(t)}`),
          ]),
          ...renderWarnings(warningsFor(r.plan, all)),
          ...(firstTask ? [`(问“${firstTask.label}的目标”可看原文句子)`] : []),
        ].join("\n"),
      );
    }
    case "departments": {
      const load = (u: { lead: number; partner: number }) =>
        [u.lead ? `牵头${u.lead}项` : "", u.partner ? `协同${u.partner}项` : ""].filter(Boolean).join("、") ||
        "未牵头或协同任何任务";
      if (r.compared) {
        const most = Math.max(...r.units.map((u) => u.lead));
        const leaders = r.units.filter((u) => u.lead === most);
        return withPlan(
          r.plan,
          opts,
          [
            `**${r.units.map((u) => u.name).join("与")}**`,
            most === 0
              ? "都不牵头任务"
              : leaders.length === r.units.length
                ? `牵头任务一样多(各${most}项)`
                : `牵头任务更多:${leaders.map((u) => u.name).join("、")}(${most}项)`,
            ...r.units.map((u) => `- ${u.name}:${roles(r.plan, u.name)}`),
          ].join("\n"),
        );
      }
      const top = r.units[0];
      const tied = r.units.filter((u) => top && u.lead === top.lead);
      return withPlan(
        r.plan,
        opts,
        [
          `**计划写明的部门和单位(共${r.units.length}个)**`,
          ...(top ? [`牵头任务最多:${tied.map((u) => u.name).join("、")}(${top.lead}项)`] : []),
          ...r.units.map((u) => `- ${u.name}:${load(u)}`),
          ...(r.groups.length
            ? [`集体表述:${r.groups.map((g) => `${g.name}(${load(g)})`).join("、")},泛指多个单位,不计入上面的个数`]
            : []),
        ].join("\n"),
      );
    }
    case "task_list": {
      const line = (t: Task) => `${taskLine(t)} — 牵头:${t.lead.join("、") || "未写明"}`;
      if (r.rankedBy) return withPlan(r.plan, opts, renderRanking(r.plan, r.rankedBy));
      if (r.section) {
        const under = r.plan.tasks.filter((t) => t.section.split(" · ")[1] === r.section);
        const withPartners = (t: Task) => `${line(t)}${t.partners.length ? `;协同:${t.partners.join("、")}` : ""}`;
        return withPlan(
          r.plan,
          opts,
          [`**${r.section}(${under.length}项任务)**`, ...under.map(withPartners)].join("\n"),
        );
      }
      if (!r.targets) {
        return withPlan(
          r.plan,
          opts,
          // The whole list fits a chat window: the lead after a dash, said once in the heading.
          [
            `**重点任务(共${r.plan.tasks.length}项)**(— 后为牵头部门)`,
            ...r.plan.tasks.map((t) => `${taskLine(t)} — ${t.lead.join("、") || "牵头未写明"}`),
          ].join("\n"),
        );
      }
      const shown = r.plan.tasks.filter((t) => t.targets.length > 0 === (r.targets === "with"));
      // A task without targets in the matrix may still state figures: said, never denied.
      const stated = (t: Task) => {
        const figures = unheldInTask(r.plan, t).flatMap((u) => u.figures);
        return figures.length > 0 ? `(原文写有${listFigures(figures)},尚未收录为目标)` : "";
      };
      const anyStated = r.targets === "without" && shown.some((t) => stated(t));
      const what = r.targets === "with" ? "设定了量化目标" : anyStated ? "矩阵中没有目标条目" : "未设定量化目标";
      return withPlan(
        r.plan,
        opts,
        [
          `**${what}的重点任务(${shown.length}项,共${r.plan.tasks.length}项)**`,
          ...(shown.length > 0 ? shown.map((t) => `${line(t)}${r.targets === "without" ? stated(t) : ""}`) : ["无"]),
          ...(anyStated ? [`(${ADD_TARGET_BY_REVIEW})`] : []),
        ].join("\n"),
      );
    }
    case "help":
      return r.ack ? "不客气。需要时随时 @我 提问,发送“帮助”查看我能做什么。" : helpText(opts.examples);
    case "which_plan": {
      const example = r.plans.find((p) => p.key)?.key;
      return [
        `已载入${r.plans.length}个计划,请在问题里写明是哪一个${example ? `,例如“${example}的总体目标”` : ""}:`,
        ...r.plans.slice(0, MAX_PLANS_NAMED).map((p) => `- 《${p.plan.title}》${p.key ? `(问“${p.key}…”)` : ""}`),
        ...(r.plans.length > MAX_PLANS_NAMED ? [`……另有${r.plans.length - MAX_PLANS_NAMED}个`] : []),
      ].join("\n");
    }
    case "which_department":
      return renderWhichDepartment(r, opts);
    case "plan_info":
      return renderPlanInfo(r, ctx);
    case "shared_tasks":
      return withPlan(
        r.plan,
        opts,
        r.tasks.length
          ? [`**${r.departments.join("、")}** 共同参与的任务(${r.tasks.length}项):`, ...r.tasks.map(taskLine)].join(
              "\n",
            )
          : `计划中未找到${r.departments.join("、")}共同参与的任务。`,
      );
    case "status_overview":
      return withPlan(r.plan, opts, renderStatusOverview(r, ctx));
    case "recent_progress":
      return withPlan(r.plan, opts, renderRecentProgress(r.plan, recentWindow(r.asked, ctx.today), ctx));
    case "not_covered":
      return renderNotCovered(r, opts.examples);
  }
}

/**
 * The plan's particulars: those asked first ("哪天印发的": the date), then the title; all of them when none is
 * named. Source defects only when asked for ("计划里有错别字吗"): a leader asking when the plan ends is not told
 * about scraping.
 */
/** "2024-05-10(2024年5月10日)"; with no date, whether the scrape lost its characters or the plan states none. */
function issuedOnText(plan: ResponsibilityMatrix): string {
  if (plan.issuedOn) return `${plan.issuedOn}(${chineseDate(plan.issuedOn)})`;
  const lost = plan.warnings.some((w) => w.code === "date_lost_chars" && /^20\d{5,6}$/.test(w.excerpt));
  return lost ? "原文日期缺字,无法确定" : "原文未写明";
}

function renderPlanInfo(r: Extract<Resolution, { kind: "plan_info" }>, ctx: AnswerContext): string {
  const { plan } = r;
  const fields: Record<PlanField, string[]> = {
    title: [`**${plan.title}**`],
    issuer: [`发文单位:${plan.issuer ?? "原文未写明"}`],
    number: [`发文字号:${plan.documentNumber ?? "原文未写明"}`],
    date: [`印发日期:${issuedOnText(plan)}`],
    period: [`期限:${plan.period ? `${plan.period.startYear}—${plan.period.endYear}年` : "原文未写明"}`],
    position: periodPosition(plan, ctx.today),
  };
  const asked = r.asked ?? [];
  // "经过哪次会议研究同意的": no particular asked, but a sentence of the opening answers it; that comes first.
  if (asked.length === 0 && r.sentences.length > 0 && !r.defects && !r.overview) {
    return [...quotes(r.sentences), ...fields.title].join("\n");
  }
  const order: PlanField[] =
    asked.length > 0
      ? [...asked, ...(asked.includes("title") ? [] : (["title"] as const))]
      : ["title", "issuer", "date", "period", "position"];
  return [
    ...order.flatMap((f) => fields[f]),
    ...(r.defects
      ? [
          `**原文抓取缺陷(${plan.warnings.length}处,均已标注,缺失的数字从不猜测)**`,
          ...plan.warnings.map((w) => `- 第${w.line}行:${w.message}${w.confirmedByHuman ? "(已人工核对)" : ""}`),
        ]
      : []),
    ...quotes(r.sentences),
    ...(r.overview ? planOverview(plan) : []),
  ].join("\n");
}

/** The plan in brief: its goals, its tasks with their leads, its measures (each list as the plan has it). */
function planOverview(plan: ResponsibilityMatrix): string[] {
  return [
    ...(plan.goals.targets.length > 0 ? ["**总体目标**", ...plan.goals.targets.map((t) => `- ${targetText(t)}`)] : []),
    `**重点任务(共${plan.tasks.length}项)**`,
    ...plan.tasks.map((t) => `${taskLine(t)} — 牵头:${t.lead.join("、") || "未写明"}`),
    ...(plan.measures.length > 0
      ? [`**保障措施(共${plan.measures.length}条)**`, plan.measures.map((m) => m.title).join("、")]
      : []),
    "(可继续问某项任务的牵头部门、目标或进展)",
  ];
}

/** The first line of an answer to "是12家吗": yes or no, with the plan's figure (never the question's, if wrong). */
function verdict(c: FigureCheck | undefined): string[] {
  if (!c) return [];
  const figures = c.targets
    .map((t) => `${t.metric}${t.year ? `到${t.year}年` : ""}${t.comparison}${t.valueText}${t.unit}`)
    .join("、");
  return [c.agrees ? `是的,计划写的是:${figures}。` : `不是。计划写的是:${figures}。`];
}

function withPlan(plan: ResponsibilityMatrix, opts: RenderOptions, body: string): string {
  return opts.namePlan ? `《${plan.title}》\n${body}` : body;
}

/** Asked for a figure of a safeguard measure: measures rarely set one; when their text states one, it is said. */
function measuresFigureLine(plan: ResponsibilityMatrix, measures: Measure[], asked: string): string {
  const unheld = unheldIn(
    plan,
    measures.map((m) => m.text),
  ).flatMap((u) => u.figures);
  if (unheld.length > 0) {
    return `矩阵中没有“${asked}”的目标条目:保障措施原文写有${listFigures(unheld)},尚未收录为目标;${ADD_TARGET_BY_REVIEW}。原文如下:`;
  }
  return `计划未明确“${asked}”的量化目标:保障措施只有文字要求,没有数字。原文如下:`;
}

/**
 * Where today stands in the plan's period: not begun, the year and share of time passed with days left (counted as
 * the digest counts them), or ended; nothing for a plan without a period.
 */
function periodPosition(plan: ResponsibilityMatrix, today: string): string[] {
  const period = targetPeriod(plan);
  if (!period || !plan.period) return [];
  if (today < period.start) return [`今天(${today})规划期尚未开始,${period.start}起`];
  if (today > period.end) return [`今天(${today})规划期已于${period.end}结束`];
  const year = Number(today.slice(0, 4)) - plan.period.startYear + 1;
  const passed = formatPercent(elapsedShare(period, today));
  return [
    `今天(${today})是规划期第${year}年,时间已过${passed},还剩${daysBetween(today, period.end)}天(到${period.end})`,
  ];
}

/** The first line of "科技局是第三项任务的牵头部门吗": yes or no, and the department's actual role in the task. */
function roleVerdict(task: Task, check: RoleCheck, which: "本任务" | "对应任务"): string {
  const d = check.department;
  const role = task.lead.includes(d) ? "lead" : task.partners.includes(d) ? "partner" : null;
  const lead = task.lead.join("、") || "原文未写明";
  // A collective partner that takes the department in (各部门): then it is only "not named", never a plain no.
  const groups = quoted(collectives(task.partners).filter((g) => collectiveTakesIn(g, d)));
  const none = groups
    ? `计划未单独列出${d};${which}的协同部门写作${groups}这类集体表述`
    : `${d}不在${which}的牵头或协同部门之列`;
  if (check.asked === "lead") {
    if (role === "lead") return `是的,${d}是${which}的牵头部门。`;
    if (role === "partner") return `不是。${d}是${which}的协同部门,牵头部门是${lead}。`;
    return `不是。${which}的牵头部门是${lead};${none}。`;
  }
  if (role === "lead") return `${d}是${which}的牵头部门。`;
  if (role === "partner") {
    return check.asked === "partner"
      ? `是的,${d}是${which}的协同部门。`
      : `${d}是${which}的协同部门,牵头部门是${lead}。`;
  }
  return groups || check.asked === "either" ? `${none}。` : `不是。${none}。`;
}

/** "牵头2项 (四)(九)、协同3项 (一)(三)(七)": which tasks, by label, a department leads and joins in a plan. */
function roles(plan: ResponsibilityMatrix, department: string): string {
  const lead = plan.tasks.filter((t) => t.lead.includes(department)).map((t) => t.label);
  const partner = plan.tasks.filter((t) => t.partners.includes(department)).map((t) => t.label);
  const parts = [
    lead.length ? `牵头${lead.length}项 ${lead.join("")}` : "",
    partner.length ? `协同${partner.length}项 ${partner.join("")}` : "",
  ];
  return parts.filter(Boolean).join("、") || "未牵头或协同任何任务";
}

function renderGoals(r: Extract<Resolution, { kind: "goals" }>, ctx: AnswerContext): string {
  const { plan, focus, carriers } = r;
  const shown = focus ?? plan.goals.targets;
  const lines = [`**总体目标**`, ...shown.map((t) => `- ${targetText(t)}`)];
  if (carriers && r.identify) {
    // The goals only count ("1个千亿产业集群"); the task that carries the figure names what it is.
    const same = (t: Task) =>
      t.targets.filter((x) => shown.some((g) => g.value !== null && g.value === x.value && g.unit === x.unit));
    // Asked which one it is: the task answers first, the goal it counts toward after it.
    const answer =
      carriers.length === 0
        ? ["总体目标未具体写明所指,也没有任务设定相同的数字。"]
        : carriers.flatMap((t) => [
            `对应任务:${taskLine(t)} — 牵头:**${t.lead.join("、") || "原文未写明"}**`,
            // Whole: what the goal means is said elsewhere in the sentence than its figure (新型显示 … 千亿产业).
            ...quotes([...new Set(same(t).map((x) => x.sentence))]),
          ]);
    lines.unshift(...answer);
  } else if (carriers && r.intents.has("progress") && !r.intents.has("lead")) {
    // Progress is recorded per task: the tasks that carry the same figures speak for the goals.
    lines.push("进展按任务登记,总体目标本身没有进展记录。");
    if (carriers.length === 0) lines.push("没有任务设定与之相同的数字可供参照。");
    for (const t of carriers) {
      const same = t.targets.filter((x) =>
        shown.some((g) => g.value !== null && g.value === x.value && g.unit === x.unit),
      );
      lines.push(`对应任务:${taskLine(t)}`, ...renderTaskProgress(plan, t, ctx, same));
    }
  } else if (carriers) {
    lines.push("总体目标本身未写明牵头部门。");
    const partners = (t: Task) => (r.intents.has("partners") ? `;协同:${t.partners.join("、") || "无"}` : "");
    for (const t of carriers)
      lines.push(`对应任务:${taskLine(t)} — 牵头:**${t.lead.join("、") || "原文未写明"}**${partners(t)}`);
  }
  lines.push(...renderWarnings(warningsFor(plan, shown)));
  // Asked for the goals, their sentence whole: how the plan words them (经济总量实现倍增) is part of what is asked.
  // Asked for some of them, the clauses stating their figures or naming what was asked; the rest is other goals.
  const some = focus !== null && focus.length > 0 && focus.length < plan.goals.targets.length;
  const sentences = shown.length ? [...new Set(shown.map((t) => t.sentence))] : plan.goals.sentences.slice(0, 1);
  const states = figureScore(shown);
  const names = subjectScore(r.subject ?? "");
  const holds = (clause: string) => (states(clause) > 0 || names(clause) >= 2 ? 1 : 0);
  lines.push(...quotes(some ? sentences.map((s) => trimmedToClauses(s, holds)) : sentences));
  lines.push(...quotes((r.indicatorRows ?? []).filter((row) => !sentences.includes(row))));
  return lines.join("\n");
}

/** "财政局" fits several departments: each, with its plan when several are loaded, and how to ask for it alone. */
function renderWhichDepartment(r: Extract<Resolution, { kind: "which_department" }>, opts: RenderOptions): string {
  const load = (c: { lead: number; partner: number }) =>
    [c.lead ? `牵头${c.lead}项` : "", c.partner ? `协同${c.partner}项` : ""].filter(Boolean).join("、") ||
    "未牵头或协同任何任务";
  return [
    `“${r.said}”可能指${r.candidates.length}个部门,请写明是哪一个:`,
    ...r.candidates.map(
      (c) => `- **${c.name}**${opts.namePlan ? `(《${c.plan.title}》)` : ""}:${load(c)}(问“${c.sayAs}负责哪些任务”)`,
    ),
  ].join("\n");
}

function renderNotCovered(r: Extract<Resolution, { kind: "not_covered" }>, examples: Examples): string {
  const nearest = r.nearest.map((n) => `${n.task.label}${n.task.title}`);
  switch (r.why) {
    case "unknown_department": {
      const near = r.nearDepartments ?? [];
      return [
        `计划中未找到“${r.subject}”:它不是任何任务的牵头或协同部门。`,
        near.length
          ? `计划中名称相近的部门:${near.join("、")}(可问“${near[0]}牵头哪些任务”)。`
          : `可以问我某个部门牵头哪些任务,例如“${examples.department}牵头哪些任务”。`,
      ].join("");
    }
    case "no_antecedent":
      return `不知道“${r.subject}”指的是哪一项:请说出任务或指标,例如“${examples.taskOrdinal}的目标”或“${examples.subject}谁牵头”。`;
    case "unknown_asker":
      return `不知道“${r.subject}”是哪个部门:您不在进展填报名单中,或名单未写明您的部门。请直接说部门名称,例如“${examples.department}牵头哪些任务”。`;
    case "department_leads_nothing":
      return `计划中未找到由“${r.subject}”牵头或协同的任务。`;
    case "no_such_task":
      return `计划中未找到${r.subject}:${r.plan ? `《${r.plan.title}》共有${r.plan.tasks.length}项重点任务。` : ""}可以问“重点任务清单”。`;
    case "year":
      return [
        `计划未涉及${r.subject}:计划中的目标年份为${(r.plannedYears ?? []).join("、")}年。`,
        ...(r.planned ? ["计划设定的是:", ...r.planned.map((t) => `- ${targetText(t)}`)] : []),
        ...(r.task ? [`相关任务:${r.task.label}${r.task.title}(可问“${r.task.label}的目标”)`] : []),
      ].join("\n");
    case "amount":
      return [
        `计划没有写明“${r.subject}”的金额(资金、投资、价格等),我不会编造数字。`,
        ...(r.planned ? ["计划对此设定的是:", ...r.planned.map((t) => `- ${targetText(t)}`)] : []),
        ...(r.task ? [`相关任务:${r.task.label}${r.task.title}(牵头:${r.task.lead.join("、") || "原文未写明"})`] : []),
      ].join("\n");
    default:
      if (r.opening?.length) {
        return [
          `计划只在开篇提到“${r.subject}”,没有把它列为重点任务,未涉及牵头部门或量化目标:`,
          ...quotes(r.opening),
        ].join("\n");
      }
      return [
        `计划中未找到与“${r.subject}”相关的内容,计划未涉及这一事项,我不会编造数字。`,
        ...(nearest.length ? [`相近的任务:${nearest.join(";")}`] : []),
        ...(r.nearMeasures?.length
          ? [`相近的保障措施:${r.nearMeasures.map((m) => `${m.label}${m.title}`).join(";")}`]
          : []),
        "可以问我:某项任务谁牵头、谁协同,目标是多少,最新进展,某部门负责哪些任务。",
      ].join("\n");
  }
}

/** Every task, most partners (or targets) first; a collective partner (各部门) counts as one, and is said to. */
function renderRanking(plan: ResponsibilityMatrix, by: "partners" | "targets"): string {
  const count = (t: Task) => (by === "partners" ? t.partners.length : t.targets.length);
  const what = by === "partners" ? "协同部门" : "量化目标";
  const unit = by === "partners" ? "个" : "项";
  const ranked = [...plan.tasks].sort((a, b) => count(b) - count(a) || a.no - b.no);
  const most = count(ranked[0] as Task);
  const collective = by === "partners" ? [...new Set(collectives(plan.tasks.flatMap((t) => t.partners)))] : [];
  return [
    `**${what}最多的重点任务**:${ranked
      .filter((t) => count(t) === most)
      .map(taskLine)
      .join("、")}(${most}${unit})`,
    ...ranked.map((t) => `- ${taskLine(t)}:${count(t)}${unit}`),
    ...(collective.length > 0 ? [`(${quoted(collective)}等集体表述各按1个计)`] : []),
  ].join("\n");
}

function helpText(e: Examples): string {
  return [
    "**我可以回答关于行动计划的问题**",
    `- 谁牵头 / 谁协同:“${e.subject}谁牵头?”“${e.taskOrdinal}的协同部门”`,
    `- 目标:“${e.subject}目标是多少?”“总体目标有哪些?”`,
    `- 进展:“${e.subject}最新进展”“哪些任务进度滞后?”;记录进展:“进展 ${e.taskRef}:${e.subject}已达…${e.unit}”`,
    `- 部门任务:“${e.department}牵头哪些任务?”`,
    "- 每日简报:“今天的简报”",
    "- 保障措施、重点任务清单",
  ].join("\n");
}
