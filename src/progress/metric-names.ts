// Whether the words beside a figure name a target's metric: by the plan's own name for it, another name the plan's
// text gives the same target, or a wording the glossary maps onto it.
import type { ResponsibilityMatrix, Target } from "../plan/schema.js";
import type { Glossary } from "../search/glossary.js";
import { fillerAt, normalizeQuantity, quantityPieces } from "./quantity-words.js";

/** What binding may know beyond the task: the plan (its goals name targets too) and the glossary. */
export interface NamingContext {
  plan?: ResponsibilityMatrix;
  glossary?: Glossary;
}

/** A target with every name it goes by, each normalized. */
export interface NamedTarget {
  target: Target;
  names: string[];
}

/**
 * The names of a target: its metric, and the metric of any other target of the plan that states the same figure
 * for the same year in the same unit (the goals' 培育8家百亿企业 is task 3's 百亿元以上企业 不少于8家).
 */
export function namesOf(target: Target, plan: ResponsibilityMatrix | undefined): string[] {
  const names = [normalizeQuantity(target.metric)];
  for (const other of plan ? allTargets(plan) : []) {
    const same =
      other.id !== target.id &&
      other.taskNo !== target.taskNo &&
      other.value !== null &&
      other.value === target.value &&
      other.unit === target.unit &&
      other.year === target.year;
    if (same) names.push(normalizeQuantity(other.metric));
  }
  return [...new Set(names)];
}

export function allTargets(plan: ResponsibilityMatrix): Target[] {
  return [...plan.goals.targets, ...plan.tasks.flatMap((t) => t.targets)];
}

/** The glossary's wordings as plans print them, longest first; built once per glossary. */
const wordingsOf = new WeakMap<Glossary, { say: string; means: string }[]>();
function wordings(glossary: Glossary): { say: string; means: string }[] {
  let list = wordingsOf.get(glossary);
  if (!list) {
    list = glossary.terms
      .flatMap((t) => t.say.map((say) => ({ say: normalizeQuantity(say), means: normalizeQuantity(t.means) })))
      .filter((p) => p.say !== "" && p.means !== "")
      .sort((a, b) => b.say.length - a.say.length);
    wordingsOf.set(glossary, list);
  }
  return list;
}

/**
 * The words as written and, when the glossary knows a wording in them, as the plans print it (高企 → 高新技术企业):
 * a target is named when either spelling names it.
 */
export function spellings(words: string, glossary: Glossary | undefined): string[] {
  const written = normalizeQuantity(words);
  let mapped = written;
  for (const { say, means } of glossary ? wordings(glossary) : []) {
    if (mapped.includes(say)) mapped = mapped.split(say).join(means);
  }
  return mapped === written ? [written] : [written, mapped];
}

function pairs(s: string): Set<string> {
  const chars = [...s.replace(/[^\p{L}\p{N}]/gu, "")];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  if (chars.length === 1 && chars[0]) out.add(chars[0]);
  return out;
}

/** Generic heads at the end of a metric's name: 上市公司数量 is named by 上市公司, 集成电路产业规模 by 集成电路产业. */
const GENERIC_TAIL = /(?:数量|总数|总量|规模|总额|水平|个数)$/;

/** The part of a name that must be named: without a note in brackets ((年均)) or a generic head. */
function coreOf(name: string): string {
  return name.replace(/\([^)]*\)/g, "").replace(GENERIC_TAIL, "") || name;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** Whether `part` occurs in `name` without cutting a number (10 is not in 100亿元以上企业). */
function containsWhole(name: string, part: string): boolean {
  for (let at = name.indexOf(part); at >= 0; at = name.indexOf(part, at + 1)) {
    const cutsBefore = isDigit(part[0]) && isDigit(name[at - 1]);
    const cutsAfter = isDigit(part.at(-1)) && isDigit(name[at + part.length]);
    if (!cutsBefore && !cutsAfter) return true;
  }
  return false;
}

/**
 * What of the words the name does not account for: reading left to right, the longer of report language or a run
 * of two or more characters found in the name is set aside; what is left names something the name does not.
 */
function unexplained(words: string, name: string): string {
  let rest = "";
  let i = 0;
  while (i < words.length) {
    let len = 0;
    for (let l = words.length - i; l >= 2; l--) {
      const part = words.slice(i, i + l);
      const cuts = (isDigit(words[i - 1]) && isDigit(part[0])) || (isDigit(part.at(-1)) && isDigit(words[i + l]));
      if (!cuts && containsWhole(name, part)) {
        len = l;
        break;
      }
    }
    len = Math.max(len, fillerAt(words, i), measureAt(words, i, name));
    if (len > 0) {
      rest += " ";
      i += len;
    } else {
      rest += words[i];
      i++;
    }
  }
  return rest;
}

/** a measure of size a report gives for a target the plan states as a size, an output or a revenue */
const SIZE_NAME = /规模|产值|营收|收入|亿元以上/;
const SIZE_MEASURE = /营业收入|主营业务收入|营收|总产值|产值/y;

/**
 * "集成电路营收172亿元" for 集成电路产业规模, "建筑业总产值" for 建筑业产值: a plan states an industry's size and reports
 * measure it by revenue or output. Those words then name nothing beyond the target; a sales figure (销售额) still does.
 */
function measureAt(words: string, i: number, name: string): number {
  if (!SIZE_NAME.test(name)) return 0;
  SIZE_MEASURE.lastIndex = i;
  return SIZE_MEASURE.exec(words)?.[0].length ?? 0;
}

/** Whether every word is report language or belongs to `name` (a reference made of a task title's words). */
export function explainedBy(words: string, name: string): boolean {
  return quantityPieces(unexplained(words, name)).length === 0;
}

/**
 * How well the words name one name, 0 when they do not: every word beside the figure must belong to the name (once
 * report language is set aside), and they must carry at least half of the name's core; a name joining two things
 * (专精特新及高新技术企业) is named only with both. The share of the core carried ranks names the words fit.
 */
export function nameScore(words: string, name: string): number {
  if (quantityPieces(unexplained(words, name)).length > 0) return 0;
  const core = coreOf(name);
  const wanted = pairs(core);
  const have = pairs(words);
  let hits = 0;
  for (const p of wanted) if (have.has(p)) hits++;
  if (wanted.size === 0 || hits < Math.min(2, wanted.size) || hits / wanted.size < 0.5) return 0;
  const parts = core.split("及").filter((p) => p.length >= 2);
  if (parts.length > 1) {
    for (const part of parts) {
      const own = quantityPieces(part).flatMap((p) => [...pairs(p)]);
      if (own.length > 0 && !own.some((p) => have.has(p))) return 0;
    }
  }
  return hits / wanted.size;
}

/** The best score of any name of a target, over the spellings of the words. */
export function targetScore(spelled: readonly string[], named: NamedTarget): number {
  let best = 0;
  for (const words of spelled) for (const name of named.names) best = Math.max(best, nameScore(words, name));
  return best;
}
