// Joins a document's elements into the text the importer reads: content one paragraph a line, tables set aside
// as tables, furniture (page numbers, running headers, site navigation) left out and reported as source warnings.
import type { DocumentElement, TableElement } from "../readers/elements.js";
import { isContent, isFurniture } from "../readers/elements.js";
import type { SourceWarning } from "../schema.js";

export interface PlacedTable {
  table: TableElement;
  /** the plan-text line the table stood after (its caption, usually) */
  line: number;
  /** the paragraphs just before it: a caption such as 附件 重点任务分工表, or a note on who leads */
  caption: string;
}

export interface DocumentText {
  text: string;
  tables: PlacedTable[];
  furniture: SourceWarning[];
}

export function documentText(elements: DocumentElement[]): DocumentText {
  const lines: string[] = [];
  const tables: PlacedTable[] = [];
  const seen = new Map<string, { warning: SourceWarning; pages: number[] }>();
  const navigation: SourceWarning[] = [];
  let navigationRun: SourceWarning | undefined;
  for (const e of elements) {
    if (isContent(e)) {
      // A text file's elements keep their line numbers: blank lines are put back so warnings point at the file.
      while (e.line !== undefined && lines.length < e.line - 1) lines.push("");
      lines.push(e.text);
    } else if (e.type === "Table") {
      while (e.line !== undefined && lines.length < e.line - 1) lines.push("");
      const caption = lines.slice(-2).filter(Boolean).join(" ");
      tables.push({ table: e, line: Math.max(1, lines.length), caption });
    } else if (e.type === "Navigation") {
      // A site's furniture comes in runs (menu, breadcrumbs, footer): one warning a run.
      const run = navigationRun?.line === lines.length + 1 ? navigationRun : undefined;
      if (run) run.excerpt += ` ${e.text}`;
      else {
        navigationRun = {
          code: "site_footer",
          line: lines.length + 1,
          excerpt: e.text,
          message: "",
          confirmedByHuman: false,
        };
        navigation.push(navigationRun);
      }
    } else if (isFurniture(e)) {
      // Repeats (the same header on every page, page 1, 2, 3 …) are one warning.
      const key = `${e.type}:${e.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;
      const page = "page" in e ? e.page : undefined;
      const known = seen.get(key);
      if (known) {
        if (page !== undefined) known.pages.push(page);
        continue;
      }
      seen.set(key, {
        pages: page !== undefined ? [page] : [],
        warning: {
          code: "page_furniture",
          line: lines.length + 1,
          excerpt: e.text,
          message: "",
          confirmedByHuman: false,
        },
      });
    }
  }
  const last = Math.max(1, lines.length);
  const printed = [...seen.entries()].map(([key, { warning, pages }]) => {
    const kind = key.split(":")[0];
    const where = pages.length > 0 ? `(第${pages.join("、")}页)` : "";
    const what = kind === "PageNumber" ? "页码" : kind === "Header" ? "每页重复的页眉" : "每页重复的页脚";
    return {
      ...warning,
      line: Math.min(warning.line, last),
      message: `${what}${where}不属于计划正文,已去除(原样保留在警告的摘录中)`,
    };
  });
  const furniture: SourceWarning[] = [
    ...navigation.map((w) => ({
      ...w,
      line: Math.min(w.line, last),
      message: "网页的导航、栏目、版权等文字不属于计划正文,已去除(原样保留在警告的摘录中)",
    })),
    ...printed,
  ];
  return { text: `${lines.join("\n")}\n`, tables, furniture };
}
