// Reads a plan's outline: header (title, issuer, date), sections 一、二、, items (一)(二) and sub-items 1. 2.
import type { SourceLine } from "./text-cleanup.js";

export type SectionKind = "goals" | "tasks" | "measures" | "other";

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
const SUB_ITEM = /^(\d{1,2})[.．、]\s*(?!\d)(.*)$/;
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
  if (/任务|举措|重点工作|主要工作|工作重点|行动/.test(title)) return "tasks";
  if (/目标/.test(title)) return "goals";
  return "other";
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
    // A work plan numbers its tasks 1. 2. straight under the section: those are the section's items.
    if (si && (!item || item.label.endsWith("."))) {
      item = {
        label: `${si[1]}.`,
        ordinal: Number(si[1]),
        heading: (si[2] ?? "").trim(),
        line: l.line,
        paragraphs: [],
        children: [],
      };
      section.items.push(item);
      sub = undefined;
      continue;
    }
    if (si && item) {
      sub = {
        label: `${si[1]}.`,
        ordinal: Number(si[1]),
        heading: (si[2] ?? "").trim(),
        line: l.line,
        paragraphs: [],
        children: [],
      };
      item.children.push(sub);
      continue;
    }
    const owner = sub ?? item;
    if (owner) owner.paragraphs.push(l);
    else section.paragraphs.push(l);
  }
  return { header: head.slice(0, prefaceStart), preface: head.slice(prefaceStart), sections };
}
