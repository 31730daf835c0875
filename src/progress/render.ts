// Lines about a task's recorded progress, for answers. (Filled in by the progress issue.)

import type { AnswerContext } from "../answer/types.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";

export function renderTaskProgress(_plan: ResponsibilityMatrix, _task: Task, _ctx: AnswerContext): string[] {
  return ["暂无进展记录"];
}
