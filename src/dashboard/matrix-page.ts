// The front page: the responsibility matrix as a table with filters, a search box over the answering core, and warnings.
import type { ResponsibilityMatrix, SourceWarning } from "../plan/schema.js";
import { noTargetNote, unheldInTask } from "../plan/stated-figures.js";
import type { TargetProgress } from "../progress/status.js";
import {
  formatNumber,
  progressBar,
  recordValueText,
  statusBadge,
  targetValueText,
  warningList,
  warningsForTarget,
} from "./fragments.js";
import { html, type SafeHtml, trusted } from "./html.js";
import { renderPage } from "./layout.js";
import { leaderOverview, newestRecordDate } from "./leader-overview.js";
import { barFraction, countStatuses, type DepartmentRole, type TaskRow } from "./matrix-rows.js";
import { statusLook, TargetStatus } from "./status.js";

export interface MatrixPageInput {
  plans: readonly ResponsibilityMatrix[];
  rows: readonly TaskRow[];
  /** every row before the filters: the overview and "数据截至" speak of the whole plan */
  allRows?: readonly TaskRow[];
  totalTasks: number;
  departments: readonly string[];
  filter: { plan?: string; department?: string; role: DepartmentRole; status?: TargetStatus; q?: string };
  /** the answering core's reply to the search box, already rendered from WeCom markdown */
  search?: { html: string; taskCount: number };
  today: string;
}

export const taskHref = (plan: string, no: number): string =>
  `/tasks/${encodeURIComponent(plan)}/${encodeURIComponent(String(no))}`;

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;
}

function filterForm(input: MatrixPageInput): SafeHtml {
  const f = input.filter;
  const roles: [DepartmentRole, string][] = [
    ["any", "牵头或协同"],
    ["lead", "牵头"],
    ["partner", "协同"],
  ];
  return html`<form class="filters" method="get" action="/" role="search" aria-label="筛选任务">
${
  input.plans.length > 1
    ? html`<div class="field"><label for="f-plan">计划</label>
<select id="f-plan" name="plan">${option("", "全部计划", !f.plan)}${input.plans.map((p) => option(p.slug, p.title, f.plan === p.slug))}</select></div>`
    : ""
}
<div class="field"><label for="f-dept">部门</label>
<select id="f-dept" name="dept">${option("", "全部部门", !f.department)}${input.departments.map((d) => option(d, d, f.department === d))}</select></div>
<div class="field"><label for="f-role">部门角色</label>
<select id="f-role" name="role">${roles.map(([v, l]) => option(v, l, f.role === v))}</select></div>
<div class="field"><label for="f-status">状态</label>
<select id="f-status" name="status">${option("", "全部状态", !f.status)}${TargetStatus.map((s) => option(s, statusLook(s).label, f.status === s))}</select></div>
<div class="field field-wide"><label for="f-q">搜索（与群聊机器人同一问答核心）</label>
<input id="f-q" name="q" type="search" value="${f.q ?? ""}" placeholder="例如：任务三的牵头部门是谁" maxlength="200"></div>
<div class="actions"><button type="submit">筛选</button> <a href="/">清除筛选</a></div>
</form>`;
}

function targetCell(row: TaskRow, t: TargetProgress): SafeHtml {
  const warnings = warningsForTarget(row.plan, t.target);
  return html`<li class="target" data-target="${t.target.id}" data-status="${t.status}">
<span class="metric">${t.target.metric}</span>
<span class="target-value">目标：${targetValueText(t.target)}</span>
<span class="latest-value">最新：${t.latest ? recordValueText(t.latest, t.target) : "暂无"}</span>
<span class="bar">${progressBar(barFraction(t.attained), `${t.target.metric} 完成比例`)}</span>
${statusBadge(t.status)}
${warnings.length > 0 ? html`<span class="warning-flag" title="${warnings.map((w) => w.message).join("；")}"><span aria-hidden="true">⚠</span> 原文存疑</span>` : ""}
</li>`;
}

function taskRow(row: TaskRow): SafeHtml {
  const { task, plan } = row;
  const targets =
    row.targets.length > 0
      ? html`<ul class="targets">${row.targets.map((t) => targetCell(row, t))}</ul>`
      : html`<p class="no-targets">${noTargetNote(unheldInTask(plan, task))} ${[...row.statuses].map(statusBadge)}</p>`;
  return html`<tr data-task="${task.no}" data-plan="${plan.slug}">
<th scope="row" class="task-cell"><a href="${taskHref(plan.slug, task.no)}"><span class="task-no">${task.label || `（${task.no}）`}</span> ${task.title}</a>
${row.warnings.length > 0 ? html`<details class="row-warnings"><summary><span aria-hidden="true">⚠</span> 原文缺陷 ${row.warnings.length} 处</summary>${warningList(row.warnings)}</details>` : ""}</th>
<td data-label="牵头部门">${task.lead.length > 0 ? task.lead.join("、") : html`<span class="missing">原文未写明</span>`}</td>
<td data-label="协同部门">${task.partners.length > 0 ? task.partners.join("、") : "—"}</td>
<td data-label="指标与进展">${targets}</td>
<td class="date" data-label="最新记录">${row.latestAsOf ?? "—"}</td>
</tr>`;
}

function planHeader(plan: ResponsibilityMatrix): SafeHtml {
  const goals = plan.goals.targets;
  return html`<section class="plan-header" aria-labelledby="plan-${plan.slug}">
<h2 id="plan-${plan.slug}">${plan.title}</h2>
<p class="plan-meta">${plan.issuer ?? "发文机关不详"} · ${plan.issuedOn ? `${plan.issuedOn} 印发` : "印发日期原文缺失"}${plan.period ? ` · ${plan.period.startYear}–${plan.period.endYear}年` : ""} · 共 ${plan.tasks.length} 项任务</p>
${
  goals.length > 0
    ? html`<details class="goals"><summary>总体目标（${goals.length} 项指标）</summary><ul>${goals.map(
        (g) => html`<li><span class="metric">${g.metric}</span>：${targetValueText(g)}</li>`,
      )}</ul></details>`
    : ""
}
${sourceNotes(plan)}
</section>`;
}

/**
 * The source's defects for the whole document, folded: they matter to the staff who check the matrix, not to a
 * leader's first look, and what a scraper glued to the title (spam) is never quoted on the page.
 */
function sourceNotes(plan: ResponsibilityMatrix): SafeHtml {
  const notes = plan.warnings.filter((w) => w.taskNo === undefined || w.taskNo === 0);
  if (notes.length === 0) return html``;
  const quotable = notes.map((w) => {
    const said = UNQUOTED[w.code];
    return said ? { ...w, message: said, excerpt: "（网页附带的无关文字，不予引用）" } : w;
  });
  return html`<details class="source-notes"><summary>原文质量说明（${notes.length} 处，供工作人员核对）</summary>
<p>以下为原文抓取或排版中发现的问题，已在矩阵中标注；涉及数字的，矩阵不作猜测，请以正式文件为准。</p>
${warningList(quotable)}</details>`;
}

/** Defects whose excerpt is not the plan's text (a site's spam, its navigation): described for staff, never quoted. */
const UNQUOTED: Partial<Record<SourceWarning["code"], string>> = {
  title_spam: "标题末尾带有网页抓取附带的无关文字，已从标题中去除",
  site_footer: "正文后带有网站的导航或页脚文字，已去除",
};

function summary(rows: readonly TaskRow[], total: number): SafeHtml {
  const counts = countStatuses(rows);
  return html`<p class="summary" role="status">显示 ${rows.length} / ${total} 项任务。指标状态：${TargetStatus.map(
    (s) => html`<span class="summary-item">${statusBadge(s)} ${formatNumber(counts[s])}</span> `,
  )}</p>`;
}

export function renderMatrixPage(input: MatrixPageInput): string {
  const shownPlans = input.plans.filter((p) => !input.filter.plan || p.slug === input.filter.plan);
  const newest = newestRecordDate(input.allRows ?? input.rows);
  const body = html`<h1>行动计划执行情况</h1>
<p class="today">数据截至 ${newest ?? "（尚无进展记录）"}<span class="today-note">（最新一条进展记录的日期；今天 ${input.today}）</span></p>
${leaderOverview(input.allRows ?? input.rows)}
${shownPlans.map(planHeader)}
${filterForm(input)}
${
  input.search
    ? html`<section class="search-answer" aria-labelledby="search-heading"><h2 id="search-heading">搜索回答</h2>
<div class="wecom-markdown">${trusted(input.search.html)}</div>
<p class="search-note">${input.search.taskCount > 0 ? `下表只列出回答涉及的 ${input.search.taskCount} 项任务。` : "回答未指向具体任务，下表未按搜索词筛选。"}</p></section>`
    : ""
}
<h2 id="matrix-heading">责任矩阵</h2>
${summary(input.rows, input.totalTasks)}
<div class="table-wrap">
<table class="matrix" aria-labelledby="matrix-heading">
<thead><tr><th scope="col">任务</th><th scope="col">牵头部门</th><th scope="col">协同部门</th><th scope="col">指标与进展</th><th scope="col">最新记录</th></tr></thead>
<tbody>${input.rows.map(taskRow)}</tbody>
</table>
</div>
${input.rows.length === 0 ? html`<p class="empty">没有符合筛选条件的任务。</p>` : ""}`;
  return renderPage({ title: "责任矩阵", body, current: "matrix" });
}
