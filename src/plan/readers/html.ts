// Reads an HTML page (a saved government web page, or mammoth's rendering of a Word file) into document elements.
import { type DefaultTreeAdapterMap, parse } from "parse5";
import type { DocumentElement } from "./elements.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "iframe",
  "svg",
  "button",
  "select",
  "form",
]);
const NAVIGATION_TAGS = new Set(["nav", "header", "footer", "aside"]);
/** class or id words sites use for their furniture (menus, breadcrumbs, share bars, footers) */
const NAVIGATION_NAME =
  /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|sidebar|footer|foot|header|toolbar|tools|copyright|related|top|topbar|logo|search|today|weather)([-_\s]|$)/i;
/** the parts of a layout table: its cells hold the page's text, each read as a block of its own */
const CELL_BLOCKS_LIST = ["table", "tbody", "thead", "tfoot", "tr", "td", "th"];
/** lines a site prints around an article: its date and hit counter, font-size and print buttons */
const SITE_LINE =
  /^(发布时间|发布日期|信息来源|来源[:：]|浏览次数|阅读次数|点击数|字号|【?字体|【?打印|【?关闭|分享到)/;
const BLOCKS = new Set([
  ...CELL_BLOCKS_LIST,
  "p",
  "div",
  "section",
  "article",
  "main",
  "body",
  "blockquote",
  "center",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "pre",
  "address",
  "figure",
  "figcaption",
  "hr",
  "caption",
]);
const TITLES = new Set(["h1", "h2"]);

function isElement(n: Node): n is Element {
  return "tagName" in n;
}

function attr(el: Element, name: string): string {
  return el.attrs.find((a) => a.name === name)?.value ?? "";
}

function isNavigation(el: Element): boolean {
  if (NAVIGATION_TAGS.has(el.tagName)) return true;
  const role = attr(el, "role");
  if (role === "navigation" || role === "banner" || role === "contentinfo") return true;
  return NAVIGATION_NAME.test(attr(el, "class")) || NAVIGATION_NAME.test(attr(el, "id"));
}

/** Whitespace as HTML renders it: runs fold to one space; a break between two Chinese characters is no space. */
function collapse(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])/g, "")
    .trim();
}

function textOf(n: Node): string {
  if (n.nodeName === "#text") return (n as DefaultTreeAdapterMap["textNode"]).value;
  if (!isElement(n) || SKIPPED.has(n.tagName)) return "";
  if (n.tagName === "br") return "\n";
  const inner = n.childNodes.map(textOf).join("");
  return BLOCKS.has(n.tagName) || n.tagName === "tr"
    ? `\n${inner}\n`
    : n.tagName === "td" || n.tagName === "th"
      ? `${inner}\t`
      : inner;
}

/** A table's rows; a cell spanning rows or columns is repeated into each, so every row reads on its own. */
function readTable(table: Element): string[][] {
  const rows: string[][] = [];
  const trs: Element[] = [];
  const collect = (el: Element) => {
    for (const c of el.childNodes) {
      if (!isElement(c) || c.tagName === "table") continue;
      if (c.tagName === "tr") trs.push(c);
      else collect(c);
    }
  };
  collect(table);
  const pending: { col: number; left: number; text: string }[] = [];
  for (const tr of trs) {
    const row: string[] = [];
    const place = () => {
      for (
        let p = pending.find((s) => s.col === row.length && s.left > 0);
        p;
        p = pending.find((s) => s.col === row.length && s.left > 0)
      ) {
        row.push(p.text);
        p.left--;
      }
    };
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== "td" && td.tagName !== "th")) continue;
      place();
      const text = td.childNodes.map(textOf).join("").split("\n").map(collapse).filter(Boolean).join("\n");
      const colspan = Math.max(1, Number(attr(td, "colspan")) || 1);
      const rowspan = Math.max(1, Number(attr(td, "rowspan")) || 1);
      for (let c = 0; c < colspan; c++) {
        if (rowspan > 1) pending.push({ col: row.length, left: rowspan - 1, text });
        row.push(text);
      }
    }
    place();
    if (row.some((c) => c !== "")) rows.push(row);
  }
  return rows;
}

/**
 * Older government sites lay whole pages out in tables: a table holding another table, or one with a single column,
 * is the page's frame, not a table of the plan's.
 */
function isLayoutTable(table: Element): boolean {
  let nested = false;
  const find = (el: Element, depth: number) => {
    for (const c of el.childNodes) {
      if (!isElement(c)) continue;
      if (c.tagName === "table" && depth > 0) nested = true;
      else find(c, depth + 1);
    }
  };
  find(table, 0);
  if (nested) return true;
  const rows = readTable(table);
  return rows.every((r) => r.filter((c) => c !== "").length <= 1);
}

export function readHtml(html: string): DocumentElement[] {
  const out: DocumentElement[] = [];
  let buffer = "";
  let bufferType: "NarrativeText" | "Title" | "ListItem" = "NarrativeText";
  const flush = () => {
    for (const line of buffer.split("\n").map(collapse).filter(Boolean))
      out.push(SITE_LINE.test(line) ? { type: "Navigation", text: line } : { type: bufferType, text: line });
    buffer = "";
    bufferType = "NarrativeText";
  };
  const walk = (n: Node, listNo: { n: number } | null) => {
    if (n.nodeName === "#text") {
      buffer += (n as DefaultTreeAdapterMap["textNode"]).value;
      return;
    }
    if (!isElement(n)) {
      for (const c of "childNodes" in n ? (n.childNodes as Node[]) : []) walk(c, listNo);
      return;
    }
    const tag = n.tagName;
    if (SKIPPED.has(tag)) return;
    if (tag === "title") return;
    if (tag !== "body" && tag !== "html" && isNavigation(n)) {
      flush();
      for (const line of textOf(n).split("\n").map(collapse).filter(Boolean))
        out.push({ type: "Navigation", text: line });
      return;
    }
    if (tag === "table" && !isLayoutTable(n)) {
      flush();
      const rows = readTable(n);
      if (rows.length > 0) out.push({ type: "Table", rows });
      return;
    }
    if (tag === "br") {
      buffer += "\n";
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (TITLES.has(tag)) bufferType = "Title";
    if (tag === "li") {
      bufferType = "ListItem";
      // Word's automatic numbering comes out of mammoth as <ol>: the label the author saw is put back.
      if (listNo) buffer += `${++listNo.n}.`;
    }
    const childList = tag === "ol" ? { n: 0 } : tag === "ul" ? null : listNo;
    for (const c of n.childNodes) walk(c, childList);
    if (TITLES.has(tag)) bufferType = "Title";
    if (block) flush();
  };
  walk(parse(html), null);
  flush();
  return out;
}
