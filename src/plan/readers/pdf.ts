// Reads a PDF plan from its positioned text (unpdf's pdf.js): lines from positions, paragraphs from indents and
// line ends, tables from aligned columns; running headers, footers and page numbers typed away as furniture.
import { getDocumentProxy } from "unpdf";
import type { DocumentElement } from "./elements.js";
import { foldPdfGlyphs } from "./pdf-glyphs.js";

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

interface Segment {
  x: number;
  end: number;
  text: string;
}

export interface PdfLine {
  page: number;
  y: number;
  x: number;
  end: number;
  size: number;
  segments: Segment[];
  text: string;
}

/** A gap wider than this many character widths separates two cells (or two columns), not two words. */
const CELL_GAP = 0.5;
const PAGE_NUMBER = /^[-—–－\s]*(第\s*)?\d+(\s*页)?(\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[-—–－\s]*$/;

export async function readPdf(bytes: Uint8Array): Promise<DocumentElement[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: PdfLine[][] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const raw of content.items) {
      if (!("str" in raw) || raw.str.trim() === "") continue;
      const [a = 0, b = 0, , , x = 0, y = 0] = raw.transform as number[];
      const size = Math.hypot(a, b) || raw.height;
      items.push({ str: foldPdfGlyphs(raw.str), x, y, end: x + raw.width, size });
    }
    pages.push(linesOf(items, p));
  }
  await pdf.destroy();
  return pdfElements(pages);
}

/** Items on one baseline, left to right, split into segments wherever the gap is wider than a cell gap. */
export function linesOf(items: PdfItem[], page: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const it of sorted) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(first.y - it.y) < Math.min(first.size, it.size) * 0.5) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const segments: Segment[] = [];
    for (const it of row) {
      const seg = segments.at(-1);
      const gap = seg ? it.x - seg.end : Number.POSITIVE_INFINITY;
      if (seg && gap < it.size * CELL_GAP) {
        const space = gap > it.size * 0.2 && /[A-Za-z0-9]$/.test(seg.text) && /^[A-Za-z0-9]/.test(it.str);
        seg.text += (space ? " " : "") + it.str;
        seg.end = Math.max(seg.end, it.end);
      } else segments.push({ x: it.x, end: it.end, text: it.str });
    }
    const size = Math.max(...row.map((i) => i.size));
    const first = segments[0] as Segment;
    const last = segments.at(-1) as Segment;
    return {
      page,
      y: row[0]?.y ?? 0,
      x: first.x,
      end: last.end,
      size,
      segments,
      text: segments.map((s) => s.text.trim()).join(" "),
    };
  });
}

type Furniture = Extract<DocumentElement, { type: "Header" | "Footer" | "PageNumber" }>;

/**
 * The lines at the top and bottom of each page that are page numbers, or that repeat (digits aside) on several
 * pages: a printer's running header and footer, never the plan's text.
 */
export function splitFurniture(pages: PdfLine[][]): { body: PdfLine[][]; furniture: Furniture[] } {
  const key = (l: PdfLine) => l.text.replace(/\d+/g, "#").replace(/\s+/g, "");
  const edgeCounts = new Map<string, number>();
  for (const lines of pages) {
    for (const l of [...lines.slice(0, 2), ...lines.slice(-2)])
      edgeCounts.set(key(l), (edgeCounts.get(key(l)) ?? 0) + 1);
  }
  const repeated = (l: PdfLine) => pages.length >= 2 && (edgeCounts.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  const furniture: Furniture[] = [];
  const body = pages.map((lines) => {
    let top = 0;
    let bottom = lines.length;
    const classify = (l: PdfLine, where: "Header" | "Footer"): Furniture | null => {
      if (PAGE_NUMBER.test(l.text)) return { type: "PageNumber", text: l.text, page: l.page };
      return repeated(l) ? { type: where, text: l.text, page: l.page } : null;
    };
    for (let f = top < bottom ? classify(lines[top] as PdfLine, "Header") : null; f; ) {
      furniture.push(f);
      top++;
      f = top < bottom ? classify(lines[top] as PdfLine, "Header") : null;
    }
    for (let f = bottom > top ? classify(lines[bottom - 1] as PdfLine, "Footer") : null; f; ) {
      furniture.push(f);
      bottom--;
      f = bottom > top ? classify(lines[bottom - 1] as PdfLine, "Footer") : null;
    }
    return lines.slice(top, bottom);
  });
  return { body, furniture };
}

/** The size most of the text is set in: counted by characters, so a table's many short cells do not outvote prose. */
function bodySizeOf(lines: PdfLine[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.size), (counts.get(Math.round(l.size)) ?? 0) + l.text.length);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

interface Column {
  from: number;
  to: number;
}

/** Which column a cell's text sits in; -1 when it spans two columns (a paragraph line, not a table row). */
function columnOf(columns: Column[], s: Segment): number {
  const hits = columns.map((c, i) => (s.x < c.to && s.end > c.from ? i : -1)).filter((i) => i >= 0);
  if (hits.length > 1) return -1;
  if (hits.length === 1) return hits[0] as number;
  const mid = (s.x + s.end) / 2;
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  columns.forEach((c, i) => {
    const d = Math.min(Math.abs(mid - c.from), Math.abs(mid - c.to));
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

/**
 * A table is a run of lines whose cells stay within columns (a cell's text never crosses into the next column,
 * while a paragraph's line does). Rows are told apart by the wider gap a cell's padding and border leave.
 */
function readTableAt(lines: PdfLine[], start: number): { rows: string[][]; next: number } | null {
  const head = lines[start] as PdfLine;
  const columns: Column[] = head.segments.map((s) => ({ from: s.x, to: s.end }));
  const placed: { line: PdfLine; cells: string[] }[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const l = lines[i] as PdfLine;
    const prev = placed.at(-1)?.line;
    if (prev && prev.page === l.page && prev.y - l.y > l.size * 3) break;
    const cols = l.segments.map((s) => columnOf(columns, s));
    if (cols.some((c) => c < 0)) break;
    const cells = columns.map(() => "");
    l.segments.forEach((s, k) => {
      const c = columns[cols[k] as number] as Column;
      c.from = Math.min(c.from, s.x);
      c.to = Math.max(c.to, s.end);
      cells[cols[k] as number] += s.text.trim();
    });
    placed.push({ line: l, cells });
  }
  if (placed.length < 2) return null;
  const numbered = rowsByNumber(placed);
  if (numbered) return numbered.length >= 2 ? { rows: numbered, next: i } : null;
  const gaps = placed
    .slice(1)
    .map((p, k) => (p.line.page === placed[k]?.line.page ? (placed[k] as { line: PdfLine }).line.y - p.line.y : 0));
  const pitch = Math.min(...gaps.filter((g) => g > 0));
  const rows: string[][] = [];
  placed.forEach((p, k) => {
    const gap = k === 0 ? Number.POSITIVE_INFINITY : (gaps[k - 1] as number);
    const current = rows.at(-1);
    if (!current || gap === 0 || gap > pitch * 1.2) rows.push([...p.cells]);
    else
      p.cells.forEach((c, j) => {
        current[j] = (current[j] ?? "") + c;
      });
  });
  // A long table prints its header row again on each page.
  const header = rows[0]?.join("|");
  const body = rows.filter((r, k) => k === 0 || r.join("|") !== header);
  return body.length >= 2 ? { rows: body, next: i } : null;
}

/**
 * Rows of a table whose first column numbers them (序号): each numbered line is a row, and the unnumbered lines
 * between two are its wrapped cells. A cell centred in its row puts a numbered line in the middle of the row's lines,
 * so the lines between two numbered ones belong partly to each: they are split where the gap between lines is
 * widest (a row's padding and border), which also holds for cells set at the top. Null when the table numbers no
 * rows (then rows are told apart by line spacing alone).
 */
function rowsByNumber(placed: { line: PdfLine; cells: string[] }[]): string[][] | null {
  const header = placed[0]?.cells.join("|");
  // A long table prints its header row again on each page.
  const lines = placed.filter((p, k) => k === 0 || p.cells.join("|") !== header);
  const anchors = lines.flatMap((p, k) => (k > 0 && /^\d{1,3}$/.test((p.cells[0] ?? "").trim()) ? [k] : []));
  if (anchors.length < 2) return null;
  const owner = lines.map(() => 0);
  const gapAfter = (k: number) => {
    const [a, b] = [lines[k]?.line, lines[k + 1]?.line];
    return a && b && a.page === b.page ? a.y - b.y : 0;
  };
  const starts = [0, ...anchors];
  starts.forEach((from, r) => {
    const to = starts[r + 1] ?? lines.length;
    owner[from] = r;
    if (to === lines.length) {
      for (let k = from + 1; k < to; k++) owner[k] = r;
      return;
    }
    // The widest gap between `from` and the next numbered line ends this row.
    let split = from;
    for (let k = from; k < to; k++) if (gapAfter(k) > gapAfter(split)) split = k;
    for (let k = from + 1; k < to; k++) owner[k] = k <= split ? r : r + 1;
  });
  const rows = starts.map(() => (lines[0]?.cells ?? []).map(() => ""));
  lines.forEach((p, k) => {
    const row = rows[owner[k] as number] as string[];
    p.cells.forEach((c, j) => {
      row[j] = (row[j] ?? "") + c;
    });
  });
  return rows;
}

/** A document's elements from its pages' lines (exported for tests with positions made by hand). */
export function pdfElements(pages: PdfLine[][]): DocumentElement[] {
  const { body, furniture } = splitFurniture(pages);
  const lines = body.flat();
  const bodySize = bodySizeOf(lines);
  const left = Math.min(...lines.filter((l) => Math.abs(l.size - bodySize) < 1).map((l) => l.x));
  const right = Math.max(...lines.filter((l) => Math.abs(l.size - bodySize) < 1).map((l) => l.end));
  const out: DocumentElement[] = [];
  let paragraph: { text: string; type: "Title" | "NarrativeText"; page: number; last: PdfLine } | null = null;
  let page = 0;

  const flushParagraph = () => {
    if (paragraph) out.push({ type: paragraph.type, text: paragraph.text, page: paragraph.page });
    paragraph = null;
  };
  const turnPage = (to: number) => {
    for (; page < to; ) {
      if (page > 0) out.push({ type: "PageBreak", page });
      page++;
      out.push(...furniture.filter((f) => f.page === page));
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as PdfLine;
    turnPage(l.page);
    if (l.segments.length >= 3) {
      const table = readTableAt(lines, i);
      if (table) {
        flushParagraph();
        out.push({ type: "Table", rows: table.rows, page: l.page });
        i = table.next - 1;
        continue;
      }
    }
    const p = paragraph as { text: string; type: "Title" | "NarrativeText"; page: number; last: PdfLine } | null;
    const type = l.size > bodySize * 1.15 ? "Title" : "NarrativeText";
    const continues =
      p !== null &&
      p.type === type &&
      // A paragraph's first line is indented; a line that ends short after 。 or ； ended its paragraph.
      (type === "Title" ||
        (l.x < left + l.size * 0.8 && (p.last.end > right - l.size * 3 || !/[。；;：:！？]$/.test(p.last.text)))) &&
      (l.page !== p.last.page || p.last.y - l.y < l.size * 2.2);
    if (continues && p) {
      p.text += l.text;
      p.last = l;
    } else {
      flushParagraph();
      paragraph = { text: l.text, type, page: l.page, last: l };
    }
  }
  flushParagraph();
  turnPage(pages.length);
  return out;
}
