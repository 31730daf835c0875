// A task named by its number: "第三项任务的目标", "任务七谁牵头".

import { focusTargets } from "./focus.js";
import type { QuestionKind } from "./scope.js";

export const TASK_NUMBER: QuestionKind = {
  name: "a task by its number",
  refined: true,
  resolve({ q, plan }, scope) {
    if (q.taskNo === null || !plan) return undefined;
    const task = plan.tasks.find((t) => t.no === q.taskNo);
    if (!task) return { kind: "not_covered", subject: `第${q.taskNo}项任务`, why: "no_such_task", nearest: [], plan };
    return { kind: "task", plan, task, intents: q.intents, focus: focusTargets(task.targets, q, scope.index) };
  },
};
