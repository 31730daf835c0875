// Renders WeCom-flavoured markdown (the subset the chat sends) as HTML, so the page shows a reply as WeCom would.
import { escapeHtml } from "./html.js";

const FONT_COLOURS = new Set(["info", "comment", "warning"]);

/** Inline marks on one already-escaped line: <font color>, **bold**, `code`, [text](url). */
function renderInline(escaped: string): string {
  return (
    escaped
      // WeCom's coloured text; the colour name is whitelisted, anything else stays visible as text
      .replace(
        /&lt;font color=(?:&quot;|&#39;)([a-z]+)(?:&quot;|&#39;)&gt;([\s\S]*?)&lt;\/font&gt;/g,
        (whole, colour: string, inner: string) =>
          FONT_COLOURS.has(colour) ? `<span class="md-font md-font-${colour}">${inner}</span>` : whole,
      )
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, text: string, href: string) =>
        // only web links and site-relative paths: never javascript: or data:
        /^(https?:\/\/|\/)/.test(href) ? `<a href="${href}" rel="noopener noreferrer">${text}</a>` : whole,
      )
  );
}

/** Block structure line by line: headings, quotes, rules, paragraphs with line breaks. */
export function renderWecomMarkdown(markdown: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.join("<br>")}</p>`);
    paragraph = [];
  };
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join("<br>")}</blockquote>`);
    quote = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const quoted = /^>\s?(.*)$/.exec(line);
    if (quoted) {
      flushParagraph();
      quote.push(renderInline(escapeHtml(quoted[1] ?? "")));
      continue;
    }
    flushQuote();
    if (heading) {
      flushParagraph();
      const level = Math.min((heading[1] ?? "#").length + 2, 6); // the page already has h1/h2
      out.push(`<h${level} class="md-heading">${renderInline(escapeHtml(heading[2] ?? ""))}</h${level}>`);
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flushParagraph();
      out.push("<hr>");
    } else if (line.trim() === "") {
      flushParagraph();
    } else {
      paragraph.push(renderInline(escapeHtml(line)));
    }
  }
  flushParagraph();
  flushQuote();
  return out.join("\n");
}
