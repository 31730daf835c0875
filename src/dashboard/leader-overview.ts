// A leader's first screen: how many targets stand where, how far each task has come, what is behind and what has
// gone stale — before the matrix. Built from the same rows as the matrix, so the two never disagree.
import { formatPercent } from "../progress/format.js";
import { baselineNote } from "../progress/render.js";
import { formatNumber, statusBadge } from "./fragments.js";
import { html, type SafeHtml } from "./html.js";
import { taskHref } from "./matrix-page.js";
import { barFraction, countStatuses, type TaskRow } from "./matrix-rows.js";
import { TargetStatus } from "./status.js";

/** The newest record's date over every row: what the page's "数据截至" means. */
export function newestRecordDate(rows: readonly TaskRow[]): string | null {
  let newest: string | null = null;
  for (const r of rows) if (r.latestAsOf && (newest === null || r.latestAsOf > newest)) newest = r.latestAsOf;
  return newest;
}

/** A task's attainment: the mean of its targets' attained shares (each capped at 100%); null with no figure yet. */
function taskAttainment(row: TaskRow): number | null {
  const shares = row.targets.map((t) => barFraction(t.attained)).filter((s): s is number => s !== null);
  return shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length;
}

function statusCounts(rows: readonly TaskRow[]): SafeHtml {
  const counts = countStatuses(rows);
  return html`<ul class="status-counts" aria-label="指标状态统计">${TargetStatus.filter((s) => counts[s] > 0).map(
    (s) => html`<li data-status="${s}"><span class="count">${formatNumber(counts[s])}</span> ${statusBadge(s)}</li>`,
  )}</ul>`;
}

function attainmentChart(rows: readonly TaskRow[]): SafeHtml {
  return html`<figure class="attainment"><figcaption>各任务完成度（各指标最新记录占目标的比例，取平均）</figcaption>
<ol class="attainment-bars">${rows.map((row) => {
    const share = taskAttainment(row);
    const label = `${row.task.label || `（${row.task.no}）`}${row.task.title}`;
    return html`<li><a href="${taskHref(row.plan.slug, row.task.no)}" class="bar-label">${label}</a>
${share === null ? html`<span class="bar-none"></span>` : html`<progress max="100" value="${Math.round(share * 100)}" aria-label="${label} 完成度">${formatPercent(share)}</progress>`}
<span class="bar-value">${share === null ? "暂无数值" : formatPercent(share)}</span></li>`;
  })}</ol></figure>`;
}

/** Targets in the given statuses, one line each: task, metric, how far (and the time passed, when behind). */
function targetList(rows: readonly TaskRow[], statuses: readonly string[], empty: string): SafeHtml {
  const items = rows.flatMap((row) => row.targets.filter((t) => statuses.includes(t.status)).map((t) => ({ row, t })));
  if (items.length === 0) return html`<p class="none">${empty}</p>`;
  return html`<ul>${items.map(
    ({ row, t }) =>
      html`<li><a href="${taskHref(row.plan.slug, row.task.no)}">${row.task.label || `（${row.task.no}）`}</a> ${t.target.metric}${
        t.attained !== null
          ? `：完成 ${formatPercent(t.attained)}${baselineNote(t)}${t.expected !== null ? `，时间已过 ${formatPercent(t.expected)}` : ""}`
          : ""
      }${t.latest ? `（最新记录 ${t.latest.asOf}）` : ""} · 牵头：${row.task.lead.join("、") || "原文未写明"}</li>`,
  )}</ul>`;
}

export function leaderOverview(rows: readonly TaskRow[]): SafeHtml {
  const neverReported = rows.reduce((n, r) => n + r.targets.filter((t) => t.status === "no_record").length, 0);
  return html`<section class="overview" aria-labelledby="overview-heading">
<h2 id="overview-heading">总览</h2>
${statusCounts(rows)}
${attainmentChart(rows)}
<div class="overview-lists">
<section aria-labelledby="behind-heading"><h3 id="behind-heading">进度滞后</h3>${targetList(rows, ["behind", "missed"], "没有滞后的指标。")}</section>
<section aria-labelledby="stale-heading"><h3 id="stale-heading">久未更新</h3>${targetList(rows, ["stale"], "没有久未更新的指标。")}${
    neverReported > 0 ? html`<p class="none">另有 ${formatNumber(neverReported)} 项指标尚无任何记录。</p>` : ""
  }</section>
</div>
</section>`;
}
