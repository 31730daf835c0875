// The one stream every document reader produces (the "unstructured" model): typed elements, read by the importer alone.
import { z } from "zod";

const text = z.string().min(1);
/** 1-based page the element was printed on (PDF only) */
const page = z.number().int().positive().optional();
/** 1-based line in a text file, so warnings point at the file as written (text files only) */
const line = z.number().int().positive().optional();

export const DocumentElement = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Title"), text, page, line }),
  z.object({ type: z.literal("NarrativeText"), text, page, line }),
  z.object({ type: z.literal("ListItem"), text, page, line }),
  /** rows of cells as printed; merged cells are repeated into every row they span */
  z.object({
    type: z.literal("Table"),
    rows: z.array(z.array(z.string())),
    caption: z.string().optional(),
    page,
    line,
  }),
  z.object({ type: z.literal("PageBreak"), page }),
  /** furniture: never plan text, kept so the import can say what it left out */
  z.object({ type: z.literal("Header"), text, page }),
  z.object({ type: z.literal("Footer"), text, page }),
  z.object({ type: z.literal("PageNumber"), text, page }),
  /** a web page's navigation, breadcrumbs, share buttons and site footer */
  z.object({ type: z.literal("Navigation"), text }),
]);
export type DocumentElement = z.infer<typeof DocumentElement>;
export type TableElement = Extract<DocumentElement, { type: "Table" }>;

/** Elements that are the document's own words, as against the furniture a printer or a website adds. */
export function isContent(
  e: DocumentElement,
): e is Extract<DocumentElement, { type: "Title" | "NarrativeText" | "ListItem" }> {
  return e.type === "Title" || e.type === "NarrativeText" || e.type === "ListItem";
}

export function isFurniture(e: DocumentElement): e is Extract<DocumentElement, { text: string }> & {
  type: "Header" | "Footer" | "PageNumber" | "Navigation";
} {
  return e.type === "Header" || e.type === "Footer" || e.type === "PageNumber" || e.type === "Navigation";
}

/** What a reader hands the importer: the elements, and what it had to decide about the file. */
export interface ReadDocument {
  format: "docx" | "pdf" | "html" | "text";
  /** how a text file was decoded (utf-8, utf-8 with BOM, gb18030); absent for binary formats */
  encoding?: string;
  elements: DocumentElement[];
}
