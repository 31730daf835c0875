// A task as an answer: the first line answers what was asked (who leads, who cooperates, the targets, the progress),
// the rest is compact; the plan's sentence is quoted once, trimmed to what holds the answer.

import type { ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import {
  ADD_TARGET_BY_REVIEW,
  listFigures,
  noTargetNote,
  RELATIVE_CHANGE,
  statedFigures,
  unheldIn,
  unheldInTask,
} from "../plan/stated-figures.js";
import { renderTaskProgress } from "../progress/render.js";
import { figureScore, subjectScore, trimmedToClauses } from "./quote.js";
import { quotes, renderWarnings, targetText, taskLine, unitCount, warningsFor } from "./render-parts.js";
import type { AnswerContext } from "./types.js";

/** A stated figure as figureScore looks for it in a clause. */
const asPrinted = (f: { text: string }) => ({ valueText: f.text, unit: "" });

const leadOf = (task: Task) => task.lead.join("、") || "原文未写明";
const partnersOf = (task: Task) => task.partners.join("、") || "无";

/**
 * The target sentences quoted (the two stating most of the targets shown), each trimmed to the clauses stating
 * those targets or a figure no target holds: such a figure is never cut out of the evidence. `extra`: a sentence
 * whose figures no target holds, quoted too (once, merged into a target sentence when it is the same).
 */
export function targetQuote(shown: Target[], plan?: ResponsibilityMatrix, extra?: string): string[] {
  const count = new Map<string, number>();
  for (const t of shown) count.set(t.sentence, (count.get(t.sentence) ?? 0) + 1);
  const sentences = [...count.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([sentence]) => sentence);
  if (extra && !sentences.includes(extra)) sentences.push(extra);
  return quotes(
    sentences.map((sentence) => {
      const stated = shown.filter((t) => t.sentence === sentence);
      const unheld = plan ? unheldIn(plan, [sentence]).flatMap((u) => u.figures.map(asPrinted)) : [];
      return trimmedToClauses(sentence, figureScore([...stated, ...unheld]));
    }),
  );
}

/** "牵头:**X**" and/or "协同:Y", as asked; the first line of a who question. */
function whoLine(task: Task, lead: boolean, partners: boolean, countUnits: boolean): string {
  // "协同部门有几个": the count is the answer, first.
  if (countUnits) return `${unitCount(task).slice(1, -1)}:牵头**${leadOf(task)}**;协同${partnersOf(task)}`;
  if (lead && partners) return `牵头:**${leadOf(task)}**;协同:${partnersOf(task)}`;
  if (partners) return `协同:**${partnersOf(task)}**(牵头:${leadOf(task)})`;
  return task.lead.length > 0 ? `**${leadOf(task)}**牵头` : "牵头部门原文未写明";
}

/** "**财政局**牵头:(七)…", "协同:**…**(牵头:…) — (七)…": who, then the task. */
function whoFirstLine(task: Task, lead: boolean, partners: boolean): string {
  const who = whoLine(task, lead, partners, false);
  return lead && !partners && task.lead.length > 0 ? `${who}:${taskLine(task)}` : `${who} — ${taskLine(task)}`;
}

export function renderTask(
  plan: ResponsibilityMatrix,
  task: Task,
  focus: Target[] | null,
  intents: Set<string>,
  ctx: AnswerContext,
  topicSentence?: string,
  countUnits = false,
): string {
  const shown = focus ?? task.targets;
  const name = taskLine(task);
  const askedLead = intents.has("lead");
  const askedPartners = intents.has("partners");
  // "协同部门有几个": a count of units, not of targets.
  const askedTargets = intents.has("targets") && !(countUnits && (intents.has("lead") || intents.has("partners")));
  const askedProgress = intents.has("progress");
  const askedWho = askedLead || askedPartners;
  // A bare subject ("大物流体系") asks what the plan says about it: the task in brief.
  const bare = !askedWho && !askedTargets && !askedProgress;
  const lines: string[] = [];

  if (askedWho || bare) {
    const who = whoLine(task, askedLead || bare, askedPartners || bare, countUnits);
    lines.push(bare ? `**${name}**` : countUnits ? `${who} — ${name}` : whoFirstLine(task, askedLead, askedPartners));
    if (bare) lines.push(who);
  }
  if (askedTargets || bare) {
    const total = focus && focus.length < task.targets.length ? `(本任务共${task.targets.length}项目标)` : "";
    const subject = askedWho || bare ? "" : `**${name}**(牵头:${leadOf(task)})`;
    if (shown.length === 0) lines.push(subject, `目标:${noTargetNote(unheldInTask(plan, task))}`);
    else if (shown.length === 1 && !bare) {
      lines.push(`${targetText(shown[0] as Target)}${total}`);
      if (subject) lines.push(subject);
    } else {
      lines.push(subject, `${focus ? "相关目标" : "目标"}${total}:`);
      lines.push(...shown.map((t) => `- ${targetText(t)}`));
    }
    lines.push(...renderWarnings(warningsFor(plan, shown)));
  }
  // Asked for figures where progress is recorded: how far along is part of the answer (470/500). A bare subject
  // gets its task in brief, the progress line included.
  if (!askedProgress && (askedTargets || bare)) {
    const progress = renderTaskProgress(plan, task, ctx, focus ?? undefined);
    // Something recorded for the task: each target's standing, the nothing-recorded line among them.
    if (progress.length > 1 || progress[0]?.startsWith("最新进展")) lines.push(...progress);
    else if (bare) lines.push(`进展:${progress[0] ?? ""}`);
  }
  if (askedProgress) {
    const [first, ...rest] = renderTaskProgress(plan, task, ctx, focus ?? undefined);
    lines.push(first?.startsWith("最新进展") ? first : `进展:${first ?? ""}`, ...rest);
    if (!askedWho && !askedTargets) {
      lines.push(`${name}(牵头:${leadOf(task)})`);
      // Nothing recorded: the target is what the progress will be measured against.
      if (rest.length === 0 && shown.length > 0) lines.push(`目标:${shown.map(targetText).join(";")}`);
    }
  }

  // Asked for the task's targets: a sentence stating figures no target holds is quoted too, and said so.
  const unheld = (askedTargets || bare) && !focus && shown.length > 0 ? unheldInTask(plan, task) : [];
  if (unheld.length > 0) {
    lines.push(`原文另有${listFigures(unheld.flatMap((u) => u.figures))}未收录为目标(${ADD_TARGET_BY_REVIEW})`);
  }
  // One quote: what holds the answer. The targets' sentence for figures; for who, the sentence naming the subject
  // (evidence that this is the task) or the attribution; none for progress, whose record is the fact.
  if (askedTargets || (bare && shown.length > 0)) lines.push(...targetQuote(shown, plan, unheld[0]?.sentence));
  else if (askedWho || bare) {
    // The sentence naming the subject (evidence that this is the task), then the attribution that names who.
    const named = askedLead || bare ? topicSentence : undefined;
    const evidence = named ?? (task.attribution ? "" : (task.sentences[0] ?? ""));
    if (evidence || task.attribution) lines.push(`> 原文:${evidence ? `“${evidence}”` : ""}${task.attribution}`);
  }

  return lines.filter((l) => l !== "").join("\n");
}

export function renderNoFigure(
  plan: ResponsibilityMatrix,
  task: Task,
  nf: { subject: string; sentence: string },
  intents: Set<string>,
): string {
  // Asked who is in charge as well ("…归谁,目标是什么"): the task's own targets are part of the answer.
  const askedTask = intents.has("lead") || intents.has("partners");
  const askedLead = intents.has("lead");
  const askedPartners = intents.has("partners");
  // What the reply says of figures is said of what it quotes: the clauses naming the subject, not the whole sentence;
  // of those, one that sets a change relative to a past level (较2023年翻一番) says most of what was asked.
  const names = subjectScore(nf.subject);
  const quoted = trimmedToClauses(nf.sentence, (c) => {
    const n = names(c);
    return n > 0 && RELATIVE_CHANGE.test(c) ? n + 0.5 : n;
  });
  return [
    noFigureLine(plan, task, { subject: nf.subject, sentence: quoted }),
    askedTask ? whoFirstLine(task, askedLead, askedPartners) : `${taskLine(task)}(牵头:${leadOf(task)})`,
    ...(askedTask ? ["本任务设定的目标:", ...taskTargetLines(plan, task)] : []),
    ...quotes([quoted]),
  ].join("\n");
}

/**
 * What the reply says when the task's sentence about the subject sets no target in the matrix. A figure the sentence
 * states is never denied: either no target holds it yet (said, with how to add one), or other targets hold it.
 */
function noFigureLine(plan: ResponsibilityMatrix, task: Task, nf: { subject: string; sentence: string }): string {
  const unheld = unheldIn(plan, [nf.sentence]).flatMap((u) => u.figures);
  if (unheld.length > 0) {
    return `矩阵中还没有“${nf.subject}”的目标条目:原文写有${listFigures(unheld)}(见下句),尚未收录为目标;${ADD_TARGET_BY_REVIEW}。`;
  }
  const relative = RELATIVE_CHANGE.exec(nf.sentence);
  if (relative) {
    return `计划没有给出“${nf.subject}”的具体数字:原文只写了相对于过去水平的变化(“${relative[0]}”),没有写明绝对数,我不会折算。`;
  }
  const stated = statedFigures(nf.sentence);
  if (stated.length > 0) {
    return `矩阵中没有专门针对“${nf.subject}”的目标条目;原文此句的${listFigures(stated)}已作为${task.label}的目标收录。`;
  }
  // No figure the quoted words state is a target's (a 20户以上 names which villages, a year when): a requirement only.
  return `计划未明确“${nf.subject}”的量化目标:原文对它只提出了要求(见下句),没有给出数量目标。`;
}

/** A task's targets as list lines under its title, with the plan's defects flagged; a task without any says so. */
export function taskTargetLines(plan: ResponsibilityMatrix, task: Task): string[] {
  if (task.targets.length === 0) {
    const unheld = unheldInTask(plan, task);
    return [`- ${noTargetNote(unheld)}`, ...quotes(unheld.slice(0, 1).map((u) => u.sentence))];
  }
  return [...task.targets.map((t) => `- ${targetText(t)}`), ...renderWarnings(warningsFor(plan, task.targets))];
}
