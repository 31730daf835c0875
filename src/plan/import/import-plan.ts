// Turns a plan's text into a responsibility matrix: outline → tasks with attributions → targets → warnings.
import { createHash } from "node:crypto";
import type { Measure, ResponsibilityMatrix, SourceWarning, Target, Task } from "../schema.js";
import { ResponsibilityMatrix as MatrixSchema } from "../schema.js";
import { parseAttribution } from "./attribution.js";
import { stripFooter } from "./footer.js";
import { type LineDefect, lostDashDefects, readHeader } from "./header.js";
import { splitSentences } from "./sentences.js";
import { type Block, readOutline } from "./structure.js";
import { type Defect, extractTargets, type Reading } from "./targets.js";
import { type SourceLine, tightenFigures, toSourceLines } from "./text-cleanup.js";

export interface ImportOptions {
  slug: string;
  sourceFile: string;
  /** readings a person confirmed for defective excerpts */
  readings?: Reading[];
}

export interface ImportResult {
  matrix: ResponsibilityMatrix;
  /** the plan text without site furniture, one paragraph a line */
  cleanedText: string;
}

interface TaskDraft {
  label: string;
  section: string;
  heading: string;
  line: number;
  paragraphs: string[];
}

export function importPlan(text: string, opts: ImportOptions): ImportResult {
  const all = toSourceLines(text);
  const { content, defects: footerDefects } = stripFooter(all);
  const outline = readOutline(content);
  const header = readHeader(outline.header, content[0]);
  const warnings: SourceWarning[] = [];
  const warn = (d: Defect & { line: number }, taskNo?: number) =>
    warnings.push({
      code: d.code,
      line: d.line,
      excerpt: d.excerpt,
      message: d.message,
      ...(d.reading ? { reading: d.reading } : {}),
      confirmedByHuman: d.confirmedByHuman ?? false,
      ...(taskNo !== undefined ? { taskNo } : {}),
    });
  for (const d of [...header.defects, ...lostDashDefects(content), ...footerDefects]) warn(d as LineDefect);

  const readings = opts.readings ?? [];
  const goalSentences: string[] = [];
  const goalTargets: Target[] = [];
  const tasks: Task[] = [];
  const measures: Measure[] = [];

  const targetsOf = (taskNo: number, sentences: string[], line: number, inGoals: boolean): Target[] => {
    const out: Target[] = [];
    for (const sentence of sentences) {
      const found = extractTargets(tightenFigures(sentence), { inGoals, readings });
      for (const d of found.defects) {
        if (!warnings.some((w) => w.code === d.code && w.excerpt === d.excerpt)) warn({ ...d, line }, taskNo);
      }
      for (const t of found.targets) out.push({ ...t, id: `t${taskNo}-${out.length + 1}`, taskNo, sentence });
    }
    return out;
  };

  for (const section of outline.sections) {
    if (section.kind === "goals") {
      const paragraphs = [...section.paragraphs, ...section.items.flatMap(flattenBlock)];
      const sentences = paragraphs.flatMap((p) => splitSentences(p.text));
      goalSentences.push(...sentences);
      goalTargets.push(...targetsOf(0, sentences, section.line, true));
      continue;
    }
    if (section.kind === "measures") {
      for (const item of section.items) {
        const { title, rest } = splitHeading(item.heading);
        const body = [
          rest,
          ...flattenBlock(item)
            .slice(1)
            .map((p) => p.text),
        ]
          .filter(Boolean)
          .join("\n");
        measures.push({ no: measures.length + 1, label: item.label, title, text: body, line: item.line });
      }
      continue;
    }
    for (const draft of taskDrafts(section.title, section.items)) {
      const taskNo = tasks.length + 1;
      const attributionAt = [...draft.paragraphs].reverse().findIndex((p) => parseAttribution(p) !== null);
      if (section.kind !== "tasks" && attributionAt < 0) continue;
      const paragraphs = [...draft.paragraphs];
      let attribution = { lead: [] as string[], partners: [] as string[], raw: "" };
      if (attributionAt >= 0) {
        const idx = paragraphs.length - 1 - attributionAt;
        const parsed = parseAttribution(paragraphs[idx] ?? "");
        if (parsed) {
          attribution = parsed;
          paragraphs[idx] = parsed.rest;
        }
      } else {
        warn({
          line: draft.line,
          code: "attribution_missing",
          excerpt: splitHeading(draft.heading).title,
          message: `任务“${splitHeading(draft.heading).title}”未写明牵头部门`,
        });
      }
      const { title, rest } = splitHeading(draft.heading);
      const body = [rest, ...paragraphs].filter(Boolean).join("\n");
      const sentences = body.split("\n").flatMap(splitSentences);
      tasks.push({
        no: taskNo,
        label: draft.label,
        section: draft.section,
        title,
        text: body,
        sentences,
        lead: attribution.lead,
        partners: attribution.partners,
        attribution: attribution.raw,
        targets: targetsOf(taskNo, sentences, draft.line, false),
        line: draft.line,
      });
    }
  }
  const matrix = MatrixSchema.parse({
    schemaVersion: 1,
    slug: opts.slug,
    title: header.title,
    issuer: header.issuer,
    issuedOn: header.issuedOn,
    period: header.period,
    preamble: [...outline.header.slice(1), ...outline.preface]
      .filter((l) => /[。,，]/.test(l.text) && l.text.length > 12)
      .flatMap((l) => splitSentences(l.text)),
    source: { file: opts.sourceFile, sha256: createHash("sha256").update(text).digest("hex") },
    goals: { text: goalSentences.join(""), sentences: goalSentences, targets: goalTargets },
    tasks,
    measures,
    warnings,
  });
  const cleaned = [header.title, ...content.slice(1).map((l) => l.text)].join("\n");
  return { matrix, cleanedText: `${cleaned}\n` };
}

/** Items whose numbered sub-items carry their own attribution are split into one task per sub-item. */
function taskDrafts(sectionTitle: string, items: Block[]): TaskDraft[] {
  const drafts: TaskDraft[] = [];
  for (const item of items) {
    // Sub-items are tasks of their own only when several carry an attribution; one at the end serves the item.
    const attributed = item.children.filter((c) => c.paragraphs.concat(headingLine(c)).some(hasAttribution));
    const childOwnsAttribution = attributed.length >= 2;
    if (childOwnsAttribution) {
      for (const child of item.children) {
        drafts.push({
          label: `${item.label}${child.label}`,
          section: `${sectionTitle} · ${splitHeading(item.heading).title}`,
          heading: child.heading,
          line: child.line,
          paragraphs: child.paragraphs.map((p) => p.text),
        });
      }
      continue;
    }
    drafts.push({
      label: item.label,
      section: sectionTitle,
      heading: item.heading,
      line: item.line,
      paragraphs: [
        ...item.paragraphs.map((p) => p.text),
        ...item.children.flatMap((c) => [`${c.label}${c.heading}`, ...c.paragraphs.map((p) => p.text)]),
      ],
    });
  }
  // A heading that carries the attribution itself (short tasks on one line) keeps it in the paragraphs.
  for (const d of drafts) {
    if (hasAttribution({ line: d.line, text: d.heading })) {
      d.paragraphs.push(d.heading);
      d.heading = d.heading.split(/[。(（]/)[0] ?? d.heading;
    }
  }
  return drafts;
}

function headingLine(b: Block): SourceLine {
  return { line: b.line, text: b.heading };
}

function hasAttribution(l: SourceLine): boolean {
  return parseAttribution(l.text) !== null;
}

function flattenBlock(b: Block): SourceLine[] {
  return [headingLine(b), ...b.paragraphs, ...b.children.flatMap(flattenBlock)];
}

/** "加强组织领导。建立健全…" → title 加强组织领导, rest 建立健全…; a heading without 。 is all title. */
function splitHeading(heading: string): { title: string; rest: string } {
  const stop = heading.search(/[。]/);
  if (stop < 0 || stop > 40) return { title: heading.replace(/[:：]$/, ""), rest: stop > 40 ? heading : "" };
  return { title: heading.slice(0, stop), rest: heading.slice(stop + 1).trim() };
}
