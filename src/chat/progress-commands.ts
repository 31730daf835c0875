// Chat handlers for progress commands: record (进展), show, history (进展历史), correct (更正), undo (撤销), help.
import type { Answerer } from "../answer/answerer.js";
import { type Examples, examplesFrom } from "../answer/examples.js";
import { decideEdit, decideWrite, findReporter } from "../auth/permission.js";
import type { ReportersFile } from "../auth/reporters.js";
import { logger } from "../log.js";
import type { DepartmentDirectory, ResponsibilityMatrix, Task } from "../plan/schema.js";
import { describeBinding, figuresInUnit, metricScore, namesMetric } from "../progress/bind.js";
import { asOfInText, type ProgressCommand, parseProgressCommand } from "../progress/command.js";
import { ProgressRejected } from "../progress/errors.js";
import { formatNumber, formatPercent, recordText, reporterLabel } from "../progress/format.js";
import { prepareRecord, type RecordRequest } from "../progress/record.js";
import { renderTaskProgress } from "../progress/render.js";
import { resolveTask } from "../progress/resolve-task.js";
import type { ProgressRecord } from "../progress/schema.js";
import type { Glossary } from "../search/glossary.js";
import type { ProgressStore } from "../store/progress-store.js";
import { isWriteCommand } from "./changes-state.js";
import { type HandleOptions, type IncomingMessage, type Reply, senderVerified } from "./message.js";
import { parseChoiceKey, unboundChoices } from "./progress-choices.js";

export interface ProgressCommandDeps {
  plans: readonly ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  answerer: Pick<Answerer, "findTasks">;
  store: ProgressStore;
  reporters(): ReportersFile;
  today(): string;
  staleDays: number;
  /** wordings that name a metric as well as its own name (高企 → 高新技术企业) */
  glossary?: Glossary;
}

/** The grammar, with examples in the loaded plan's own words (examples.ts). */
export function progressHelp(e: Examples): string {
  return [
    "**进展填报与查询**",
    `- 登记:\`进展 ${e.taskRef}:${e.subject}累计达到…${e.unit}\``,
    `- 也可用关键词指任务:\`更新进展 ${e.subject} 已达…${e.unit}\``,
    ...(e.pair
      ? [`- 一条写多个指标:\`进展 ${e.pair.taskRef}:${e.pair.first}、${e.pair.second}\`(每个指标各记一条)`]
      : []),
    "- 指定日期:在内容里写「截至2024年3月31日」或「截至10月底」",
    `- 查看:\`进展 ${e.taskRef}\`;历史:\`进展历史 ${e.taskRef}\``,
    "- 更正:`更正 #12 新的内容`(原记录保留,以新记录为准)",
    "- 撤销:`撤销 #12`,或 `撤销` 撤回自己最近一条",
    "- 自己登记过的:`我的记录`",
    "数字前写明指标名(或计划、术语表里它的别称)才计入该指标;写的是别的数量时只保存文字,回复里会说明。只写「累计达到…」而不写是什么的,计入本任务在该单位下唯一的指标。",
    "登记需在填报名单中,且只能为本部门牵头或协同的任务登记;更正或撤销限登记人、牵头部门和管理员;查询对所有人开放。",
  ].join("\n");
}

const HISTORY_LIMIT = 10;

/** What a channel that cannot tell who is writing answers a write command with. */
const READ_ONLY_TEXT =
  "这里只能查询,不能登记、更正或撤销进展。进展请在企业微信群聊中 @机器人 登记(需在填报名单中),或由管理员用命令行 `planbot progress add` 登记。";

function reply(markdown: string, kind: string): Reply {
  return { markdown, kind };
}

function taskLabel(task: Task): string {
  return `任务${task.no}「${task.title}」`;
}

export interface ProgressCommands {
  (msg: IncomingMessage, options?: HandleOptions): Reply | null;
  /** a click on a reply's choice (Reply.choices): the key it carried */
  choose(msg: IncomingMessage, key: string, options?: HandleOptions): Reply;
}

export function createProgressCommands(deps: ProgressCommandDeps): ProgressCommands {
  const resolve = (ref: string) => {
    const r = resolveTask(ref, deps.plans, deps.answerer);
    if (r.found) return r;
    const also = r.candidates.map((c) => taskLabel(c.task)).join("、");
    return { found: false as const, text: also ? `${r.reason}:${also}。请写任务编号,如「任务3」。` : `${r.reason}。` };
  };
  const planOf = (slug: string) => deps.plans.find((p) => p.slug === slug);
  const help = progressHelp(examplesFrom(deps.plans));

  /** The "指标:" lines of a record bound to a target, or [] for a text-only record. */
  function targetLines(rec: ProgressRecord, task: Task): string[] {
    const target = task.targets.find((t) => t.id === rec.targetId);
    if (!target || rec.value === null) return [];
    const binding = { bound: true as const, target, value: rec.value, unit: target.unit };
    const share =
      target.value && target.value > 0
        ? `(目标 ${formatNumber(target.value)}${target.unit},完成 ${formatPercent(rec.value / target.value)})`
        : "";
    const lines = [`指标:${describeBinding(binding)}${share}`];
    if (target.comparison === "提升" || target.comparison === "下降") {
      lines.push(`说明:按“已${target.comparison}的幅度”计入`);
    }
    return lines;
  }

  function confirmation(rec: ProgressRecord, task: Task, note: string): string {
    const lines = [`✅ 已记录进展 #${rec.id}${rec.supersedes ? `(更正 #${rec.supersedes})` : ""}`, taskLabel(task)];
    const bound = targetLines(rec, task);
    if (bound.length > 0) {
      lines.push(...bound);
    } else {
      lines.push(`指标:未计入${note ? `(${note})` : ""},仅保存为文字`);
      // The example names the target the text names (else one whose figure the plan states), with the verb its
      // kind of figure takes.
      // Targets in the unit of a figure the text holds come first: the example then fits what was reported.
      const withValue = task.targets.filter((t) => t.value !== null);
      const inUnit = withValue.filter((t) => figuresInUnit(rec.text, t.unit).length > 0);
      const stated = inUnit.length > 0 ? inUnit : withValue;
      const named = stated.filter((t) => namesMetric(t.metric, rec.text));
      named.sort((a, b) => metricScore(b.metric, rec.text) - metricScore(a.metric, rec.text));
      const example = named[0] ?? stated[0] ?? task.targets[0];
      const verb =
        example?.comparison === "提升" || example?.comparison === "下降" ? `已${example.comparison}` : "累计达到";
      if (example && note) {
        lines.push(
          `如需计入指标,请写明指标名,每条一个指标,如「进展 任务${task.no}:${example.metric}${verb}…${example.unit}」`,
        );
      }
    }
    lines.push(`日期:${rec.asOf} · 填报:${reporterLabel(rec)}`);
    lines.push(`撤销请发「撤销 #${rec.id}」,更正请发「更正 #${rec.id} 新的内容」`);
    return lines.join("\n");
  }

  /** One message that reported several targets: a record each, stored together. */
  function confirmEach(recs: readonly ProgressRecord[], task: Task): string {
    const ids = recs.map((r) => `#${r.id}`);
    const first = recs[0];
    return [
      `✅ 已记录进展 ${ids.join("、")}(一条消息含 ${recs.length} 个指标,每个指标一条记录)`,
      taskLabel(task),
      ...recs.flatMap((r) => targetLines(r, task)),
      first ? `日期:${first.asOf} · 填报:${reporterLabel(first)}` : "",
      `撤销请发${ids.map((id) => `「撤销 ${id}」`).join("")},更正请发「更正 ${ids[0]} 新的内容」`,
    ].join("\n");
  }

  function authorise(msg: IncomingMessage, task: Task) {
    return decideWrite(deps.reporters(), deps.directory, msg.userid, task);
  }

  const audit = (msg: IncomingMessage) => ({ actor: `wecom:${msg.userid}`, via: `chat:${msg.channel}` });

  /** A refusal for want of rights: stored in the audit trail (who, what, why, channel, when), then answered. */
  function refuse(msg: IncomingMessage, reason: string): Reply {
    deps.store.recordRefusal({ ...audit(msg), detail: msg.text, reason });
    logger.info({ userid: msg.userid, channel: msg.channel }, "progress write refused");
    return reply(reason, "progress_refused");
  }

  function record(msg: IncomingMessage, cmd: Extract<ProgressCommand, { kind: "record" }>): Reply {
    const found = resolve(cmd.ref);
    if (!found.found) return reply(found.text, "progress_unresolved");
    const decision = authorise(msg, found.task);
    if (!decision.allowed) return refuse(msg, decision.reason);
    const prepared = prepareRecord(
      {
        plan: found.plan.slug,
        task: found.task.no,
        text: cmd.text,
        asOf: cmd.asOf ?? asOfInText(cmd.text, deps.today()) ?? deps.today(),
        reporterId: msg.userid,
        reporterName: decision.reporter.name,
        department: decision.department,
        source: "chat",
        // the task reference can name the metric ("上市公司 已达10家")
        hint: cmd.ref,
      },
      { ...deps, today: deps.today() },
    );
    if (!prepared.ok) return reply(`未记录:${prepared.reason}`, "progress_invalid");
    if (prepared.toStore.length > 1) {
      const recs = deps.store.addMany(
        prepared.toStore.map((s) => s.record),
        audit(msg),
      );
      logger.info({ progressIds: recs.map((r) => r.id), userid: msg.userid }, "progress recorded");
      return reply(confirmEach(recs, found.task), "progress_recorded");
    }
    const rec = deps.store.add(prepared.record, audit(msg));
    logger.info({ progressId: rec.id, plan: rec.plan, taskNo: rec.taskNo, userid: msg.userid }, "progress recorded");
    const note = prepared.binding.bound ? "" : (prepared.binding.reason ?? "");
    const recorded = reply(confirmation(rec, found.task, note), "progress_recorded");
    // A figure left unbound: offer the task's targets in its unit, or keeping the text, as one-click choices.
    const choices = prepared.binding.bound ? undefined : unboundChoices(rec, found.task);
    return choices ? { ...recorded, choices } : recorded;
  }

  /**
   * A click on one of unboundChoices' options: binding the record's figure to a target is a correction of that
   * record (a new record superseding it), under the same rights as typing 「更正 #N …」.
   */
  function choose(msg: IncomingMessage, key: string): Reply {
    const choice = parseChoiceKey(key);
    if (!choice) return reply("这个选项已失效,请重新登记。", "progress_invalid");
    if (!senderVerified(msg.channel)) return reply(READ_ONLY_TEXT, "progress_read_only");
    const target = editable(msg, choice.recordId);
    if ("markdown" in target) return target;
    if (choice.kind === "keep") {
      return reply(`已保留 #${target.rec.id} 为文字记录,未计入指标。`, "progress_kept_text");
    }
    const prepared = prepareCorrection(msg, target.rec, {
      text: target.rec.text,
      metric: choice.targetId,
      value: choice.value,
      asOf: target.rec.asOf,
    });
    if (!prepared.ok) return reply(`未计入:${prepared.reason}`, "progress_invalid");
    const rec = deps.store.add(prepared.record, audit(msg));
    logger.info({ progressId: rec.id, supersedes: target.rec.id, userid: msg.userid }, "progress bound by a choice");
    return reply(confirmation(rec, target.task, ""), "progress_corrected");
  }

  /** A record that supersedes `rec`, made by the sender: a typed correction or a click on a card's choice. */
  function prepareCorrection(
    msg: IncomingMessage,
    rec: ProgressRecord,
    fields: Pick<RecordRequest, "text" | "asOf" | "metric" | "value">,
  ) {
    const reporter = findReporter(deps.reporters(), msg.userid);
    return prepareRecord(
      {
        plan: rec.plan,
        task: rec.taskNo,
        ...fields,
        reporterId: msg.userid,
        reporterName: reporter?.name ?? msg.displayName ?? null,
        department: rec.department,
        source: "chat",
        supersedes: rec.id,
      },
      { ...deps, today: deps.today() },
    );
  }

  /** The record to correct or undo, with the permission check both share. */
  function editable(msg: IncomingMessage, id: number): { rec: ProgressRecord; task: Task } | Reply {
    const rec = deps.store.get(id);
    const task = rec ? planOf(rec.plan)?.tasks.find((t) => t.no === rec.taskNo) : undefined;
    if (!rec || !task || rec.kind !== "report") return reply(`没有编号为 #${id} 的进展记录。`, "progress_invalid");
    const later = deps.store.supersededBy(id);
    if (later) {
      const what = later.kind === "retraction" ? "撤销" : "更正";
      return reply(
        `#${id} 已被 #${later.id} ${what}${what === "更正" ? `,请对 #${later.id} 操作` : ""}。`,
        "progress_invalid",
      );
    }
    const decision = authorise(msg, task);
    if (!decision.allowed) return refuse(msg, decision.reason);
    const edit = decideEdit(deps.reporters(), deps.directory, msg.userid, rec, task);
    if (!edit.allowed) return refuse(msg, edit.reason);
    return { rec, task };
  }

  function correct(msg: IncomingMessage, cmd: Extract<ProgressCommand, { kind: "correct" }>): Reply {
    const target = editable(msg, cmd.id);
    if ("markdown" in target) return target;
    const prepared = prepareCorrection(msg, target.rec, {
      text: cmd.text,
      asOf: cmd.asOf ?? asOfInText(cmd.text, deps.today()) ?? target.rec.asOf,
    });
    if (!prepared.ok) return reply(`未更正:${prepared.reason}`, "progress_invalid");
    const rec = deps.store.add(prepared.record, audit(msg));
    const note = prepared.binding.bound ? "" : (prepared.binding.reason ?? "");
    return reply(confirmation(rec, target.task, note), "progress_corrected");
  }

  function undo(msg: IncomingMessage, id: number | null): Reply {
    let targetId = id;
    if (targetId === null) {
      const mine = deps.store
        .list({ reporterId: msg.userid, limit: 50 })
        .find((r) => r.kind === "report" && !deps.store.supersededBy(r.id));
      if (!mine) return reply("您没有可撤销的进展记录。", "progress_invalid");
      targetId = mine.id;
    }
    const target = editable(msg, targetId);
    if ("markdown" in target) return target;
    const reporter = findReporter(deps.reporters(), msg.userid);
    const rec = deps.store.add(
      {
        ...target.rec,
        // a retraction carries no figure of its own: it only withdraws the record it points to
        targetId: null,
        value: null,
        unit: null,
        boundBy: null,
        kind: "retraction",
        text: `撤销 #${target.rec.id}`,
        reporterId: msg.userid,
        reporterName: reporter?.name ?? msg.displayName ?? null,
        source: "chat",
        supersedes: target.rec.id,
      },
      audit(msg),
    );
    return reply(
      `↩ 已撤销 #${target.rec.id}(${taskLabel(target.task)}:${recordText(target.rec.text, 40)})。撤销记录 #${rec.id},原记录保留备查。`,
      "progress_undone",
    );
  }

  /** One record as a history line: its id, day and who; a correction or retraction says which record it replaces. */
  function historyLine(r: ProgressRecord, task: Task | undefined, who: string): string {
    if (r.kind === "retraction") return `- #${r.id} ${r.recordedAt.slice(0, 10)} ${who} 撤销了 #${r.supersedes}`;
    const later = deps.store.supersededBy(r.id);
    const mark = later ? (later.kind === "retraction" ? "(已撤销)" : `(已被 #${later.id} 更正)`) : "";
    const fix = r.supersedes ? `更正 #${r.supersedes}:` : "";
    // The bound figure first: records from one message that reported several targets share their text.
    const target = task?.targets.find((t) => t.id === r.targetId);
    const figure = target && r.value !== null ? `**${target.metric} ${formatNumber(r.value)}${target.unit}** ` : "";
    return `- #${r.id} ${r.asOf} ${who}:${fix}${figure}${recordText(r.text, 60)}${mark}`;
  }

  function history(ref: string): Reply {
    const found = resolve(ref);
    if (!found.found) return reply(found.text, "progress_unresolved");
    const records = deps.store.list({ plan: found.plan.slug, taskNo: found.task.no, limit: HISTORY_LIMIT });
    if (records.length === 0) return reply(`${taskLabel(found.task)}\n暂无进展记录`, "progress_history");
    const lines = [`**${taskLabel(found.task)} 最近 ${records.length} 条记录**`];
    for (const r of records) lines.push(historyLine(r, found.task, reporterLabel(r)));
    return reply(lines.join("\n"), "progress_history");
  }

  /** The sender's own latest records, each with its task: what they may still correct or undo. */
  function mine(msg: IncomingMessage): Reply {
    const records = deps.store.list({ reporterId: msg.userid, limit: HISTORY_LIMIT });
    if (records.length === 0) return reply("您还没有登记过进展。发送「进展帮助」查看怎么登记。", "progress_history");
    const lines = [`**您最近登记的 ${records.length} 条记录**`];
    for (const r of records) {
      const plan = planOf(r.plan);
      const task = plan?.tasks.find((t) => t.no === r.taskNo);
      lines.push(historyLine(r, task, task ? `任务${task.no}` : `任务${r.taskNo}`));
    }
    lines.push("更正请发「更正 #编号 新的内容」,撤销请发「撤销 #编号」");
    return reply(lines.join("\n"), "progress_history");
  }

  function show(ref: string): Reply {
    const found = resolve(ref);
    if (!found.found) return reply(found.text, "progress_unresolved");
    const lines = renderTaskProgress(found.plan, found.task, {
      today: deps.today(),
      staleDays: deps.staleDays,
      progress: deps.store,
    });
    return reply([`**${taskLabel(found.task)}**`, ...lines].join("\n"), "progress_show");
  }

  function run(msg: IncomingMessage, cmd: ProgressCommand): Reply {
    if (isWriteCommand(cmd) && !senderVerified(msg.channel)) return reply(READ_ONLY_TEXT, "progress_read_only");
    try {
      switch (cmd.kind) {
        case "help":
          return reply(help, "progress_help");
        case "record":
          return record(msg, cmd);
        case "correct":
          return correct(msg, cmd);
        case "undo":
          return undo(msg, cmd.id);
        case "history":
          return history(cmd.ref);
        case "mine":
          return mine(msg);
        case "show":
          return show(cmd.ref);
      }
    } catch (err) {
      if (err instanceof ProgressRejected) return reply(`未记录:${err.message}`, "progress_invalid");
      throw err;
    }
  }

  /** The writes (record, refusal) and the message id's "done" mark: one transaction on the store's connection. */
  const committed = (produce: () => Reply, commit: HandleOptions["commit"]): Reply => {
    if (!commit) return produce();
    // A crash can neither lose the mark of a stored record nor leave a mark without it.
    return deps.store.inTransaction(() => {
      const answer = produce();
      commit(answer);
      return answer;
    });
  };

  const handle = (msg: IncomingMessage, options: HandleOptions = {}): Reply | null => {
    const cmd = parseProgressCommand(msg.text);
    if (!cmd) return null;
    return committed(() => run(msg, cmd), options.commit);
  };
  return Object.assign(handle, {
    choose: (msg: IncomingMessage, key: string, options: HandleOptions = {}): Reply =>
      committed(() => {
        try {
          return choose(msg, key);
        } catch (err) {
          if (err instanceof ProgressRejected) return reply(`未计入:${err.message}`, "progress_invalid");
          throw err;
        }
      }, options.commit),
  });
}
