// Finds the departments a question names, among those the loaded plans name (department-forms.ts): by name, alias
// or short form, by a near miss of one (MiniSearch fuzzy search: 经贸发屏局 → 经贸发展局), and names that look like a
// department the plans do not know, with the plans' departments said most like them.
import MiniSearch from "minisearch";
import { escapeRegExp } from "../plan/escape-regexp.js";
import type { LoadedPlans } from "../plan/knowledge.js";
import { type DepartmentForm, departmentForms, departmentsElsewhere, planDepartments } from "./department-forms.js";
import { placeName, placeNames } from "./place-names.js";
import { plansText } from "./plans-text.js";

export interface DepartmentMention {
  /** canonical name as the plans print it; the first of `among` when the words fit several */
  name: string;
  /** the words the user typed */
  said: string;
  /** true when the words were a near miss of the name (one character off) */
  corrected?: boolean;
  /** every department the words fit, when they fit more than one (财政局: 财政局 of one plan, 区财政局 of another) */
  among?: string[];
}

export interface DepartmentLookup {
  /** known departments in the text, longest match first, without overlaps; else one near miss of a known name */
  find(normalized: string): DepartmentMention[];
  /** a department-like name no loaded plan names (卫健委, or the directory's 税务局 of a plan not loaded), or null */
  unknown(normalized: string): string | null;
  /** the plans' departments said most like a name they do not know, for the reply to offer (at most three) */
  near(said: string): string[];
}

const DEPT_SUFFIX = "(?:局|委|办|公司|中心|管委会|街道|院|厅|署|分局|委员会|办公室|集团|银行)";
const LOOKS_LIKE_DEPT = new RegExp(
  `([\\u4e00-\\u9fa5a-z]{1,10}?${DEPT_SUFFIX})(?=\\s*(?:牵头|负责|配合|协同|参与|承担|主抓|有哪些|有什么|的任务|在计划|是否|有没有|有哪|都有))`,
);
/** What follows a department's bare core when it is said as the department: 住建那边, 住建牵头, 住建管啥. */
const ASKS_OF_DEPARTMENT =
  /^\s*(?:那边|这边|那里|这里|方面|部门|牵头|负责|配合|协同|参与|承担|主抓|分管|的任务|的工作|的职责|有哪些任务|管(?:啥|什么|哪些|的)|干(?:啥|什么)|做(?:啥|什么))/;
/** a department-like word ends so: 税务局, 发改委 (a bare directory alias like 税务 needs ASKS_OF_DEPARTMENT) */
const DEPT_ENDING = new RegExp(`${DEPT_SUFFIX}$`);
const MAX_NEAR = 3;

export function createDepartmentLookup(loaded: LoadedPlans): DepartmentLookup {
  const planText = plansText(loaded);
  /** what people type → the departments it may name, each with whether a word of asking must follow */
  const byForm = new Map<string, { name: string; cue: boolean }[]>();
  for (const f of departmentForms(loaded)) addForm(byForm, f);
  /** the departments a form names wherever it stands (a core only names one before a word of asking) */
  const namesOf = (form: string) => (byForm.get(form) ?? []).filter((e) => !e.cue).map((e) => e.name);
  const sorted = [...byForm.keys()].sort((a, b) => b.length - a.length);
  /** the forms by their first character, longest first: a question is read in one pass, not once per form */
  const byFirst = new Map<string, string[]>();
  for (const form of sorted) {
    const first = form[0] ?? "";
    const list = byFirst.get(first);
    if (list) list.push(form);
    else byFirst.set(first, [form]);
  }
  const isPlanWord = planWords(
    planText,
    sorted.filter((f) => DEPT_ENDING.test(f) && namesOf(f).length > 0),
  );
  const elsewhere = departmentsElsewhere(loaded);
  const elsewhereForms = elsewhere.flatMap((d) => d.forms).sort((a, b) => b.length - a.length);
  const inPlans = new Set(planDepartments(loaded));

  // Each form is one whole-word term, so fuzzy search measures edits over the whole name.
  const fuzzy = new MiniSearch<{ id: number; alias: string }>({
    fields: ["alias"],
    storeFields: ["alias"],
    tokenize: (s) => [s],
    processTerm: (t) => t,
  });
  fuzzy.addAll(sorted.filter((form) => byForm.get(form)?.some((e) => !e.cue)).map((alias, id) => ({ id, alias })));
  const nearMiss = (candidate: string): DepartmentMention | null => {
    if (candidate.length < 4) return null; // one edit in a three-character name is another department
    const [best, second] = fuzzy.search(candidate, { fuzzy: 1 });
    if (!best || (second && second.score === best.score)) return null;
    // A near miss of a word that names several departments is no guess to make.
    const names = namesOf(best.alias as string);
    return names.length === 1 && names[0] ? { name: names[0], said: candidate, corrected: true } : null;
  };
  const candidateOf = (text: string): string | null => {
    const m = LOOKS_LIKE_DEPT.exec(text);
    if (!m?.[1]) return null;
    const candidate = m[1].replace(/^(请问|那么|那|我想知道|想知道|问一下|看看|查一下|查询|计划中|计划里|本计划)/, "");
    // "…由哪个局负责" asks which department; it does not name one
    if (/^(各|所有|本|该|这|那)|哪|谁|什么|由/.test(candidate)) return null;
    return planText.includes(candidate) ? null : candidate;
  };
  // "新站区税务局": the 区 is the place's, so 区税务局 is not what was said (税务局 is). Places are blanked first.
  const places = [...new Set(loaded.plans.flatMap((p) => placeNames(placeName(p.title))))]
    .filter((n) => /[区市县]$/.test(n))
    .sort((a, b) => b.length - a.length);
  // One pattern for all places (a thousand plans make two thousand names; one pass over the question each).
  const placePattern = places.length > 0 ? new RegExp(places.map(escapeRegExp).join("|"), "g") : null;
  const withoutPlaces = (text: string) =>
    placePattern ? text.replace(placePattern, (place) => "\u0000".repeat(place.length)) : text;
  const exact = (text: string): DepartmentMention[] => {
    const rest = withoutPlaces(text);
    const hits: { form: string; at: number; names: string[] }[] = [];
    for (let at = 0; at < rest.length; at++) {
      for (const form of byFirst.get(rest[at] ?? "") ?? []) {
        if (!rest.startsWith(form, at)) continue;
        // a latin alias must stand as a word ("lead" is not "leader")
        if (/^[a-z]/.test(form) && /[a-z]/.test(rest[at - 1] ?? "")) continue;
        // a bare core (住建) is the department only before a word of asking, and only if no plan uses it as a word
        const asked = ASKS_OF_DEPARTMENT.test(rest.slice(at + form.length));
        const names = (byForm.get(form) ?? []).filter((e) => !e.cue || (asked && !isPlanWord(form))).map((e) => e.name);
        if (names.length > 0) hits.push({ form, at, names });
      }
    }
    // The longest words first; a shorter one inside a longer one's place is part of it (财政局 of 区财政局).
    hits.sort((a, b) => b.form.length - a.form.length || a.at - b.at);
    const taken = new Array<boolean>(rest.length).fill(false);
    const found: (DepartmentMention & { at: number })[] = [];
    for (const { form, at, names: all } of hits) {
      if (taken.slice(at, at + form.length).some(Boolean)) continue;
      taken.fill(true, at, at + form.length);
      const names = all.filter((n) => !found.some((f) => f.name === n || f.among?.includes(n)));
      const [name] = names;
      if (name) found.push({ name, said: form, at, ...(names.length > 1 ? { among: names } : {}) });
    }
    // In the order the question names them ("科技局和财政局分别…" answers 科技局 first).
    return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...mention }) => mention);
  };
  const find = (text: string): DepartmentMention[] => {
    const found = exact(text);
    if (found.length > 0) return found;
    const candidate = candidateOf(text);
    const near = candidate ? nearMiss(candidate) : null;
    return near ? [near] : [];
  };
  /** a name of the directory's that no loaded plan names, said as a department ("税务局负责什么", "税务那边…") */
  const namedElsewhere = (text: string): string | null => {
    for (const form of elsewhereForms) {
      const at = text.indexOf(form);
      if (at < 0 || planText.includes(form)) continue;
      if (DEPT_ENDING.test(form) || ASKS_OF_DEPARTMENT.test(text.slice(at + form.length))) return form;
    }
    return null;
  };
  return {
    find,
    unknown(text) {
      const candidate = candidateOf(text) ?? namedElsewhere(text);
      return candidate && find(candidate).length === 0 ? candidate : null;
    },
    near(said) {
      const out = new Set<string>();
      // The directory's department so called, said also as one of the plans' (工商局 is 市场监督管理局, whose
      // 市场监管局 is also 区市场监管局's).
      const same = elsewhere.find((d) => d.forms.includes(said));
      for (const form of same?.forms ?? []) for (const name of namesOf(form)) out.add(name);
      // One character off a name the plans use (科枝局 → 科技局): too unsure to answer for, fine to offer.
      for (const hit of fuzzy.search(said, { fuzzy: 1 }))
        for (const name of namesOf(hit.alias as string)) out.add(name);
      return [...out].filter((n) => inPlans.has(n)).slice(0, MAX_NEAR);
    },
  };
}

/** A form joins the departments said so: a name or core form is shared; a stem only when no department is said so. */
function addForm(byForm: Map<string, { name: string; cue: boolean }[]>, f: DepartmentForm): void {
  const entries = byForm.get(f.form) ?? [];
  if (f.strength === "stem" && entries.length > 0) return;
  const cue = f.strength === "core";
  const same = entries.find((e) => e.name === f.name);
  if (same) same.cue &&= cue;
  else entries.push({ name: f.name, cue });
  byForm.set(f.form, entries);
}

/**
 * Whether the plans use a word outside their departments' names (发展 of 产业发展, 财政 of "区财政每年安排…"; not
 * 住建, found only in 区住建局): then it is never a department alone. Asked only for the words a question holds, and
 * remembered: with many plans the text is long.
 */
function planWords(planText: string, names: string[]): (word: string) => boolean {
  const known = new Map<string, boolean>();
  return (word) => {
    let used = known.get(word);
    if (used === undefined) {
      const holding = names.filter((n) => n.includes(word));
      const inName = (at: number) => holding.some((n) => planText.startsWith(n, at - n.indexOf(word)));
      used = false;
      for (let at = planText.indexOf(word); at >= 0 && !used; at = planText.indexOf(word, at + 1)) used = !inName(at);
      known.set(word, used);
    }
    return used;
  };
}
