// How the targets stand ("哪些任务进度滞后", "整体进展怎么样"), and what was recorded lately ("最近有什么新进展").
import { TargetStatus } from "../../progress/status.js";
import { withoutRecentWords } from "../recent-window.js";
import type { QuestionKind } from "./scope.js";

export const STATUS_OVERVIEW: QuestionKind = {
  name: "how the targets stand",
  resolve({ q, plan }) {
    if (!q.intents.has("status") || !plan || q.taskNo !== null || q.departments.length > 1) return undefined;
    const dept = q.departments[0];
    return {
      kind: "status_overview",
      plan,
      only: statusesAsked(q.normalized),
      ...(dept ? { department: dept.name } : {}),
    };
  },
};

export const RECENT_PROGRESS: QuestionKind = {
  name: "progress recorded lately",
  resolve({ q, plan }) {
    if (!q.intents.has("recent") || !plan || q.taskNo !== null || q.departments.length > 0) return undefined;
    return withoutRecentWords(q.topic) ? undefined : { kind: "recent_progress", plan, asked: q.normalized };
  },
};

/** "哪些任务滞后" → behind (and, once the period is over, missed); "没有进展" → unreported or stale; null = all. */
function statusesAsked(normalized: string): TargetStatus[] | null {
  if (/滞后|落后|进度慢/.test(normalized)) return ["behind", "missed"];
  if (/没有进展|无进展|没进展|没填报|未填报|没有填报|没更新|未更新|没有更新|久未|停滞/.test(normalized))
    return ["no_record", "stale"];
  if (/没完成|未完成|没有完成|没达标|未达标/.test(normalized)) return TargetStatus.filter((s) => s !== "done");
  if (/已经?完成|完成了|已经?达标|达标了/.test(normalized)) return ["done"];
  return null;
}
