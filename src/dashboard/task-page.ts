// One task's page: the plan's own text, its targets with status, a chart per numeric target, and the full progress history.
import type { ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import { ADD_TARGET_BY_REVIEW, listFigures, noTargetNote, unheldInTask } from "../plan/stated-figures.js";
import type { ProgressRecord } from "../progress/schema.js";
import type { TargetProgress } from "../progress/status.js";
import { type TargetChart, targetCharts } from "./chart-series.js";
import {
  formatNumber,
  progressBar,
  recordValueText,
  statusBadge,
  targetValueText,
  warningList,
  warningsForTarget,
} from "./fragments.js";
import { html, jsonForScript, type SafeHtml } from "./html.js";
import { renderPage } from "./layout.js";
import { barFraction, type TaskRow } from "./matrix-rows.js";

const SOURCE_LABELS: Record<ProgressRecord["source"], string> = {
  chat: "群聊",
  cli: "命令行",
  api: "API",
  import: "导入",
};

// Made on the first task page, not when the server starts: a formatter with a time zone costs milliseconds.
let shanghaiFormat: Intl.DateTimeFormat | undefined;

/** A stored ISO timestamp as Beijing time, YYYY-MM-DD HH:MM: the readers are in China. */
function shanghaiTime(iso: string): string {
  const t = Date.parse(iso);
  shanghaiFormat ??= new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "short",
  });
  return Number.isNaN(t) ? iso : shanghaiFormat.format(t);
}

export interface TaskPageInput {
  row: TaskRow;
  /** every effective record of the task, newest first */
  history: readonly ProgressRecord[];
}

/** Drawn when there is something to draw: a recorded value, or a pace line from the plan's baseline. */
const drawable = (chart: TargetChart) => chart.actual.length > 0 || chart.paceLine.length > 0;

function chartFigure(chart: TargetChart): SafeHtml {
  const points = chart.actual.map((p) => `${p.date}：${formatNumber(p.value)}${chart.unit}`).join("；");
  const description = `${chart.metric}：目标 ${formatNumber(chart.targetValue)}${chart.unit}。${
    chart.actual.length > 0 ? `已记录 ${points}` : "尚无数值记录"
  }。${chart.paceNote}`;
  return html`<figure class="chart" id="chart-${chart.targetId}">
<figcaption>${chart.metric}（${chart.unit || "无单位"}）：实际值与按期完成的直线进度</figcaption>
${
  drawable(chart)
    ? html`<div class="chart-box"><canvas data-chart="${chart.targetId}" role="img" aria-label="${description}">${description}</canvas></div>
<p class="pace-note">${chart.paceNote}</p>`
    : html`<p class="chart-empty">尚无数值记录，暂不能绘图。</p>`
}
</figure>`;
}

function targetSection(plan: ResponsibilityMatrix, t: TargetProgress, chart: TargetChart | undefined): SafeHtml {
  return html`<section class="target-detail" data-target="${t.target.id}" aria-labelledby="h-${t.target.id}">
<h3 id="h-${t.target.id}">${t.target.metric}</h3>
<dl class="facts">
<dt>目标</dt><dd>${targetValueText(t.target)}</dd>
<dt>原文</dt><dd class="plan-text">${t.target.sentence}</dd>
<dt>最新</dt><dd>${t.latest ? html`${recordValueText(t.latest, t.target)}（${t.latest.asOf}）` : "暂无记录"}</dd>
<dt>完成比例</dt><dd>${progressBar(barFraction(t.attained), `${t.target.metric} 完成比例`)}</dd>
<dt>状态</dt><dd>${statusBadge(t.status)}</dd>
</dl>
${warningList(warningsForTarget(plan, t.target), "此指标涉及原文缺陷")}
${chart ? chartFigure(chart) : html`<p class="chart-empty">此指标无数值，不绘图。</p>`}
</section>`;
}

function targetName(targets: readonly Target[], id: string | null): string {
  if (id === null) return "—";
  return targets.find((t) => t.id === id)?.metric ?? id;
}

function historyTable(task: Task, history: readonly ProgressRecord[]): SafeHtml {
  if (history.length === 0) return html`<p class="empty">暂无进展记录。</p>`;
  return html`<div class="table-wrap"><table class="history" aria-labelledby="history-heading">
<thead><tr><th scope="col">日期</th><th scope="col">指标</th><th scope="col">数值</th><th scope="col">进展说明</th><th scope="col">报送部门 / 人</th><th scope="col">途径</th><th scope="col">登记时间</th></tr></thead>
<tbody>${history.map(
    (r) => html`<tr data-record="${r.id}">
<td>${r.asOf}</td><td>${targetName(task.targets, r.targetId)}</td><td>${r.value === null ? "—" : `${formatNumber(r.value)}${r.unit ?? ""}`}</td>
<td>${r.text}</td><td>${[r.department, r.reporterName].filter(Boolean).join(" / ") || "—"}</td><td>${SOURCE_LABELS[r.source]}</td><td>${shanghaiTime(r.recordedAt)}</td>
</tr>`,
  )}</tbody></table></div>`;
}

export function renderTaskPage({ row, history }: TaskPageInput): string {
  const { plan, task } = row;
  const charts = targetCharts(plan, task.targets, history);
  const chartOf = (id: string) => charts.find((c) => c.targetId === id);
  const paragraphs = task.text.split(/\n+/).filter((p) => p.trim() !== "");
  const body = html`<p class="breadcrumb"><a href="/">责任矩阵</a> › ${plan.title}</p>
<h1><span class="task-no">${task.label || `（${task.no}）`}</span> ${task.title}</h1>
<p class="plan-meta">${task.section} · 第 ${task.no} 项任务 · 原文第 ${task.line} 行${row.latestAsOf ? ` · 最新记录 ${row.latestAsOf}` : ""}</p>
<dl class="facts">
<dt>牵头部门</dt><dd>${task.lead.length > 0 ? task.lead.join("、") : html`<span class="missing">原文未写明</span>`}</dd>
<dt>协同部门</dt><dd>${task.partners.length > 0 ? task.partners.join("、") : "—"}</dd>
</dl>
${warningList(row.warnings, "原文缺陷提示")}
<section aria-labelledby="text-heading"><h2 id="text-heading">计划原文</h2>
<blockquote class="plan-text">${paragraphs.map((p) => html`<p>${p}</p>`)}${task.attribution ? html`<p class="attribution">${task.attribution}</p>` : ""}</blockquote>
</section>
<section aria-labelledby="targets-heading"><h2 id="targets-heading">指标（${task.targets.length} 项）</h2>
${task.targets.length > 0 ? row.targets.map((t) => targetSection(plan, t, chartOf(t.target.id))) : ""}
${unheldNote(plan, task)}
</section>
<section aria-labelledby="history-heading"><h2 id="history-heading">进展记录（${history.length} 条）</h2>
${historyTable(task, history)}
</section>
<script type="application/json" id="chart-data">${jsonForScript(charts.filter(drawable))}</script>`;
  return renderPage({
    title: `${task.title}`,
    body,
    scripts: charts.some(drawable) ? ["chart.umd.min.js", "task-chart.js"] : [],
  });
}

/** Figures the task's text states that no target holds: said with their sentence, never "no targets". */
function unheldNote(plan: ResponsibilityMatrix, task: Task): SafeHtml | string {
  const unheld = unheldInTask(plan, task);
  if (unheld.length === 0) return task.targets.length > 0 ? "" : html`<p class="no-targets">原文未设定量化目标。</p>`;
  return html`<div class="unheld-figures"><p>${task.targets.length > 0 ? `另：原文写有${listFigures(unheld.flatMap((u) => u.figures))}，矩阵中尚无对应目标（${ADD_TARGET_BY_REVIEW}）。` : `${noTargetNote(unheld)}。`}</p>${unheld.map((u) => html`<blockquote>${u.sentence}</blockquote>`)}</div>`;
}
