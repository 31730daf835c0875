// The plan's matrix for anyone (PLANBOT_PUBLIC_PLAN=true): tasks, who leads and cooperates, targets as the plan states them; no progress.
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import { targetValueText } from "./fragments.js";
import { html, type SafeHtml } from "./html.js";
import { renderPage } from "./layout.js";

function taskRow(task: Task): SafeHtml {
  return html`<tr data-task="${task.no}">
<th scope="row" class="task-cell"><span class="task-no">${task.label || `（${task.no}）`}</span> ${task.title}</th>
<td>${task.lead.length > 0 ? task.lead.join("、") : html`<span class="missing">原文未写明</span>`}</td>
<td>${task.partners.length > 0 ? task.partners.join("、") : "—"}</td>
<td>${
    task.targets.length > 0
      ? html`<ul class="targets">${task.targets.map((t) => html`<li class="target"><span class="metric">${t.metric}</span> <span class="target-value">${targetValueText(t)}</span></li>`)}</ul>`
      : html`<span class="no-targets">无量化指标</span>`
  }</td>
</tr>`;
}

function planSection(plan: ResponsibilityMatrix): SafeHtml {
  return html`<section class="plan-header" aria-labelledby="plan-${plan.slug}">
<h2 id="plan-${plan.slug}">${plan.title}</h2>
<p class="plan-meta">${plan.issuer ?? "发文机关不详"} · ${plan.issuedOn ? `${plan.issuedOn} 印发` : "印发日期原文缺失"} · 共 ${plan.tasks.length} 项任务</p>
</section>
<div class="table-wrap">
<table class="matrix">
<thead><tr><th scope="col">任务</th><th scope="col">牵头部门</th><th scope="col">协同部门</th><th scope="col">计划目标</th></tr></thead>
<tbody>${plan.tasks.map(taskRow)}</tbody>
</table>
</div>`;
}

export function renderPublicMatrixPage(plans: readonly ResponsibilityMatrix[]): string {
  const body = html`<h1>行动计划责任矩阵</h1>
<p class="public-note">本页公开计划原文中的任务分工与目标。进展情况仅供本单位内部查看：<a href="/auth/signin">通过企业微信登录</a>。</p>
${plans.map(planSection)}`;
  return renderPage({ title: "责任矩阵", body, current: "matrix" });
}
