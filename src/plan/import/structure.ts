// Reads a plan's outline: header (title, issuer, date), sections 一、二、, items (一)(二) and sub-items 1. 2.
import { UNIT_NEXT } from "../units.js";
import type { SourceLine } from "./text-cleanup.js";

/** overall: 总体要求, whose 指导思想 and 基本原则 frame the plan and whose figures are the plan's goals */
export type SectionKind = "goals" | "overall" | "tasks" | "measures" | "preamble" | "other";

export interface Block {
  /** (一) or 1. as printed */
  label: string;
  /** ordinal within its parent, 1-based */
  ordinal: number;
  heading: string;
  line: number;
  paragraphs: SourceLine[];
  children: Block[];
}

export interface Section {
  label: string;
  title: string;
  kind: SectionKind;
  line: number;
  /** text directly under the section heading, before its first item */
  paragraphs: SourceLine[];
  items: Block[];
}

export interface Outline {
  header: SourceLine[];
  /** text between the header and the first section (the preface) */
  preface: SourceLine[];
  sections: Section[];
}

const SECTION = /^([一二三四五六七八九十]+)[、.．]\s*(.+)$/;
const ITEM = /^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$/;
const SUB_ITEM = /^(\d{1,2})[.．、]\s*(.*)$/;
/** digits and a unit at a line's start: a figure (1.5万名 read as 1. 5万名 would be wrong) */
const FIGURE_START = new RegExp(`^\\d+${UNIT_NEXT}`);
const CN_ORDINAL = "一二三四五六七八九十";

export function cnOrdinal(label: string): number {
  if (label.length === 1) return CN_ORDINAL.indexOf(label) + 1;
  if (label.startsWith("十")) return 10 + (CN_ORDINAL.indexOf(label[1] ?? "") + 1);
  const tens = CN_ORDINAL.indexOf(label[0] ?? "") + 1;
  const ones = label.length > 2 ? CN_ORDINAL.indexOf(label[2] ?? "") + 1 : 0;
  return tens * 10 + ones;
}

export function classifySection(title: string): SectionKind {
  if (/保障|措施/.test(title)) return "measures";
  // 行动目标, 工作目标: a title that ends in 目标 names the goals, whatever word comes before it (行动 names tasks
  // elsewhere: 重点行动).
  if (/目标$/.test(title.trim())) return "goals";
  if (/任务|举措|重点工作|主要工作|工作重点|行动/.test(title)) return "tasks";
  if (/目标/.test(title)) return "goals";
  // 总体要求 holds no tasks either, but the goals a plan states there (到2026年，全区完成…120个) are its goals.
  if (/总体要求/.test(title)) return "overall";
  // Parts that frame the plan (指导思想, 基本原则) hold no tasks, whatever is numbered in them.
  if (/指导思想|基本原则|工作原则|背景|现状|形势|意义/.test(title)) return "preamble";
  return "other";
}

/**
 * "11.121人才梯队项目" is item 11 whose title starts with a digit, but "1.5万名…" at a line's start is a figure:
 * a label followed by a digit counts only where the numbering expects it (the item after the last one).
 */
function isItemNumber(m: RegExpExecArray, lastNumber: number): boolean {
  const n = Number(m[1]);
  const rest = m[2] ?? "";
  if (!/^\d/.test(rest)) return true;
  if (n === lastNumber + 1) return true;
  // 2.5G基站工程 goes on numbering upward; 1.5万名 reads as a decimal figure with its unit.
  return n > lastNumber && !FIGURE_START.test(rest);
}

/** The preface starts at the first line that reads as prose after the title block; the header is what comes before. */
export function readOutline(lines: SourceLine[]): Outline {
  const firstSection = lines.findIndex((l) => SECTION.test(l.text));
  const head = firstSection < 0 ? lines : lines.slice(0, firstSection);
  const body = firstSection < 0 ? [] : lines.slice(firstSection);
  // The preface is the last run of prose lines (ending in 。) before the first section.
  let prefaceStart = head.length;
  while (prefaceStart > 0 && /[。]$/.test(head[prefaceStart - 1]?.text ?? "")) prefaceStart--;
  const sections: Section[] = [];
  let section: Section | undefined;
  let item: Block | undefined;
  let sub: Block | undefined;
  let lastNumber = 0;
  for (const l of body) {
    const s = SECTION.exec(l.text);
    if (s) {
      section = {
        label: `${s[1]}、`,
        title: (s[2] ?? "").trim(),
        kind: classifySection(s[2] ?? ""),
        line: l.line,
        paragraphs: [],
        items: [],
      };
      sections.push(section);
      item = undefined;
      sub = undefined;
      continue;
    }
    if (!section) continue;
    const i = ITEM.exec(l.text);
    if (i) {
      item = {
        label: `(${i[1]})`,
        ordinal: cnOrdinal(i[1] ?? ""),
        heading: (i[2] ?? "").trim(),
        line: l.line,
        paragraphs: [],
        children: [],
      };
      section.items.push(item);
      sub = undefined;
      continue;
    }
    const si = SUB_ITEM.exec(l.text);
    if (si && isItemNumber(si, lastNumber)) {
      lastNumber = Number(si[1]);
      const block: Block = {
        label: `${si[1]}.`,
        ordinal: Number(si[1]),
        heading: (si[2] ?? "").trim(),
        line: l.line,
        paragraphs: [],
        children: [],
      };
      // Numbered items directly under a part (四、… 40. 41.) are the part's own items.
      if (item && !/^\d/.test(item.label)) {
        sub = block;
        item.children.push(sub);
      } else {
        item = block;
        sub = undefined;
        section.items.push(item);
      }
      continue;
    }
    const owner = sub ?? item;
    if (owner) owner.paragraphs.push(l);
    else section.paragraphs.push(l);
  }
  return { header: head.slice(0, prefaceStart), preface: head.slice(prefaceStart), sections };
}
