// The one-click choices offered for a progress report whose figure was not bound to a target: each target of the
// task in the figure's unit, or keeping the text only; and the keys those choices carry back when clicked.
import type { Task } from "../plan/schema.js";
import { figuresInUnit } from "../progress/bind.js";
import { formatNumber } from "../progress/format.js";
import type { ProgressRecord } from "../progress/schema.js";
import type { ReplyChoices } from "./message.js";

/** WeCom shows at most 6 buttons on a card; one is "keep the text". */
const MAX_TARGET_OPTIONS = 5;

export type ChoiceKey =
  | { kind: "bind"; recordId: number; targetId: string; value: number }
  | { kind: "keep"; recordId: number };

const BIND = /^bind:(\d{1,12}):([A-Za-z0-9_-]{1,64}):(-?\d{1,15}(?:\.\d{1,6})?)$/;
const KEEP = /^keep:(\d{1,12})$/;

export function parseChoiceKey(key: string): ChoiceKey | null {
  const bind = BIND.exec(key);
  if (bind) return { kind: "bind", recordId: Number(bind[1]), targetId: bind[2] ?? "", value: Number(bind[3]) };
  const keep = KEEP.exec(key);
  return keep ? { kind: "keep", recordId: Number(keep[1]) } : null;
}

/** Null when the text holds no figure in any target's unit (then there is nothing to bind). */
export function unboundChoices(rec: ProgressRecord, task: Task): ReplyChoices | null {
  const options: ReplyChoices["options"] = [];
  for (const target of task.targets) {
    for (const figure of figuresInUnit(rec.text, target.unit)) {
      if (options.length >= MAX_TARGET_OPTIONS) break;
      options.push({
        key: `bind:${rec.id}:${target.id}:${figure.value}`,
        text: `${target.metric} ${formatNumber(figure.value)}${target.unit}`,
      });
    }
  }
  if (options.length === 0) return null;
  options.push({ key: `keep:${rec.id}`, text: "仅保存文字" });
  return {
    title: `进展 #${rec.id} 的数字未计入指标`,
    description: "请选择计入哪个指标,或仅保存文字(与发送「更正」的权限相同)",
    options,
  };
}
