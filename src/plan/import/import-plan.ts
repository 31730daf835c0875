// Turns a plan's text into a responsibility matrix: outline → tasks with attributions → targets → warnings.
import { createHash } from "node:crypto";
import {
  type Measure,
  RECURRING,
  type ResponsibilityMatrix,
  type SourceWarning,
  type Target,
  type Task,
} from "../schema.js";
import { parseAttribution } from "./attribution.js";
import { taskDeadline } from "./deadlines.js";
import { stripFooter } from "./footer.js";
import { DOC_NUMBER, type Header, type LineDefect, lostDashDefects, readHeader, readSignature } from "./header.js";
import { splitSentences } from "./sentences.js";
import { type Block, classifySection, readOutline } from "./structure.js";
import { type Defect, type DueScope, extractTargets, type Reading } from "./targets.js";
import { type SourceLine, tightenFigures, toSourceLines } from "./text-cleanup.js";
import { validateMatrix } from "./validate.js";

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
  // A document number (东府〔2021〕54号) may stand above the title.
  const titleLine = content.find((l) => !DOC_NUMBER.test(l.text));
  const documentNumber = content.slice(0, 5).find((l) => DOC_NUMBER.test(l.text))?.text;
  const header = readHeader(outline.header, titleLine);
  const signature = readSignature(content);
  const startYear = planStartYear(header, content);
  const oneYear = header.period && header.period.startYear === header.period.endYear ? header.period.startYear : null;
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

  let goalsHorizon: DueScope | undefined;
  const targetsOf = (taskNo: number, sentences: string[], line: number, inGoals: boolean): Target[] => {
    const out: Target[] = [];
    // A relative period (5年内) stated in an item holds for the item's later sentences.
    let period: DueScope | undefined;
    for (const sentence of sentences) {
      const found = extractTargets(tightenFigures(sentence), {
        inGoals,
        readings,
        startYear,
        oneYear,
        ...(period ? { inherited: period } : inGoals && goalsHorizon ? { inherited: goalsHorizon } : {}),
      });
      period = found.period ?? period;
      // The goals' opening deadline (到2027年，…) holds for their later sentences that name no time of their own.
      if (inGoals) goalsHorizon = found.horizon ?? goalsHorizon;
      for (const d of found.defects) {
        if (!warnings.some((w) => w.code === d.code && w.excerpt === d.excerpt)) warn({ ...d, line }, taskNo);
      }
      for (const t of found.targets) {
        // In a plan for one year, a target that names no time of its own falls due in that year (全年…); one that
        // recurs does not.
        const year = t.year ?? (oneYear !== null && !RECURRING.test(sentence) ? oneYear : null);
        out.push({ ...t, year, id: `t${taskNo}-${out.length + 1}`, taskNo, sentence });
      }
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
    if (section.kind === "overall") {
      // Its 主要目标 item is goals throughout; elsewhere (its own text, not 指导思想/基本原则) a sentence is a goal
      // when it sets a figure.
      const framing = (b: Block) => classifySection(b.heading) === "preamble";
      const stated = (b: Block) => classifySection(b.heading) === "goals";
      const own = [
        ...section.paragraphs,
        ...section.items.filter((b) => !framing(b) && !stated(b)).flatMap(flattenBlock),
      ];
      const goalItems = section.items.filter(stated).flatMap(flattenBlock);
      const sentences = [...own, ...goalItems].flatMap((p) => splitSentences(p.text));
      for (const sentence of sentences) {
        const found = targetsOf(0, [sentence], section.line, true);
        const inItem = goalItems.some((p) => p.text.includes(sentence));
        if (found.length === 0 && !inItem) continue;
        goalSentences.push(sentence);
        goalTargets.push(...found);
      }
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
    if (section.kind === "preamble") continue;
    for (const draft of taskDrafts(section.title, section.items)) {
      const taskNo = tasks.length + 1;
      const attributionAt = [...draft.paragraphs].reverse().findIndex((p) => parseAttribution(p) !== null);
      // Numbered items are tasks in any part (四、创新人才工作体制机制 40. 41.); an unnumbered part's text is not.
      if (section.kind !== "tasks" && attributionAt < 0 && !/\d/.test(draft.label)) continue;
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
      const deadline = taskDeadline([draft.heading, ...paragraphs, attribution.raw].join("\n"), startYear);
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
        ...(deadline ? { deadline } : {}),
      });
    }
  }
  const matrix = validateMatrix({
    schemaVersion: 1,
    slug: opts.slug,
    title: header.title,
    ...(header.notice ? { notice: header.notice } : {}),
    issuer: header.issuer ?? signature.issuer,
    issuedOn: header.issuedOn ?? signature.issuedOn,
    ...(documentNumber ? { documentNumber } : {}),
    period: header.period,
    preamble: [...outline.header.slice(1), ...outline.preface]
      .filter((l) => /[。,，]/.test(l.text) && l.text.length > 12)
      .flatMap((l) => splitSentences(l.text)),
    source: { file: opts.sourceFile, sha256: createHash("sha256").update(text).digest("hex") },
    // Numbered once all are read: the goals may come from 总体要求 sentence by sentence and from a 目标 part.
    goals: {
      text: goalSentences.join(""),
      sentences: goalSentences,
      targets: goalTargets.map((t, i) => ({ ...t, id: `t0-${i + 1}` })),
    },
    tasks,
    measures,
    warnings,
  });
  const cleaned = content.map((l) => (l === titleLine ? header.title : l.text)).join("\n");
  return { matrix, cleanedText: `${cleaned}\n` };
}

/** Items whose numbered sub-items carry their own attribution are split into one task per sub-item. */
function taskDrafts(sectionTitle: string, items: Block[]): TaskDraft[] {
  const drafts: TaskDraft[] = [];
  for (const item of items) {
    // Sub-items are tasks of their own only when several carry an attribution; one at the end serves the item.
    const attributed = item.children.filter((c) => c.paragraphs.concat(headingLine(c)).some(hasAttribution));
    // With no attribution anywhere, each numbered sub-item is an item of its own, as a reader counts them.
    const unattributed =
      item.children.length >= 2 &&
      attributed.length === 0 &&
      !item.paragraphs.concat(headingLine(item)).some(hasAttribution);
    // A lone sub-item that carries the attribution (（一）深化改革 / 1.提高效能…（牵头单位:…）) is the item itself.
    const lone = item.children.length === 1 && attributed.length === 1;
    const childOwnsAttribution = attributed.length >= 2 || unattributed || lone;
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

/**
 * "加强组织领导。建立健全…" → title 加强组织领导, rest 建立健全…; a heading without 。 is all title. A long first
 * sentence is still the title, and the whole heading stays in the text (it is the task's content, not a name).
 */
function splitHeading(heading: string): { title: string; rest: string } {
  const stop = heading.search(/[。]/);
  if (stop < 0) return { title: heading.replace(/[:：]$/, ""), rest: "" };
  if (stop > 40) return { title: heading.slice(0, stop), rest: heading };
  return { title: heading.slice(0, stop), rest: heading.slice(stop + 1).trim() };
}

/** The year relative periods count from: the plan's period, a "2012年起" in its text, or the year it was issued. */
function planStartYear(header: Header, lines: SourceLine[]): number | null {
  if (header.period) return header.period.startYear;
  const since = lines.map((l) => /((?:19|20)\d{2})年起/.exec(l.text)).find(Boolean);
  if (since?.[1]) return Number(since[1]);
  return header.issuedOn ? Number(header.issuedOn.slice(0, 4)) : null;
}
