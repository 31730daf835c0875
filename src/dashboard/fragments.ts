// Small pieces of markup shared by the dashboard pages: status badges, target values, warnings.
import type { ResponsibilityMatrix, SourceWarning, Target } from "../plan/schema.js";
import type { ProgressRecord } from "../progress/schema.js";
import { html, type SafeHtml } from "./html.js";
import { statusLook, type TargetStatus } from "./status.js";

export function statusBadge(status: TargetStatus): SafeHtml {
  const { label, icon } = statusLook(status);
  return html`<span class="status status-${status}" data-status="${status}"><span aria-hidden="true">${icon}</span> ${label}</span>`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** The target as the plan states it, e.g. "达到 500亿元（2025年）". */
export function targetValueText(target: Target): string {
  const value = target.value === null ? `${target.valueText || "?"}（原文缺数）` : `${target.valueText}${target.unit}`;
  return `${target.comparison} ${value}${target.year ? `（${target.year}年）` : ""}`;
}

export function recordValueText(record: ProgressRecord, target?: Target): string {
  if (record.value === null) return record.text.length > 40 ? `${record.text.slice(0, 40)}…` : record.text;
  return `${formatNumber(record.value)}${record.unit ?? target?.unit ?? ""}`;
}

export function progressBar(fraction: number | null, label: string): SafeHtml {
  if (fraction === null) return html`<span class="no-bar">—</span>`;
  const percent = Math.round(fraction * 100);
  return html`<progress max="100" value="${percent}" aria-label="${label}">${percent}%</progress> <span class="percent">${percent}%</span>`;
}

/** The plan's warnings that touch a target: by code on the target, narrowed to the target's task. */
export function warningsForTarget(plan: ResponsibilityMatrix, target: Target): SourceWarning[] {
  if (target.warnings.length === 0) return [];
  return plan.warnings.filter((w) => target.warnings.includes(w.code) && w.taskNo === target.taskNo);
}

export function warningList(warnings: readonly SourceWarning[], heading?: string): SafeHtml {
  if (warnings.length === 0) return html``;
  return html`<div class="source-warnings" role="note">
${heading ? html`<p class="warnings-heading"><span aria-hidden="true">⚠</span> ${heading}</p>` : ""}
<ul>${warnings.map(
    (w) =>
      html`<li data-warning="${w.code}"><span aria-hidden="true">⚠</span> <strong>原文第${w.line}行</strong>：${w.message}<br><span class="excerpt">原文：「${w.excerpt}」</span>${
        w.reading
          ? html` <span class="reading">采用读法：${w.reading}${w.confirmedByHuman ? "（已人工确认）" : "（未经人工确认）"}</span>`
          : ""
      }</li>`,
  )}</ul>
</div>`;
}
