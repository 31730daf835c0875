// Finds the website furniture a scrape leaves at the end of a page (网站地图, 返回顶部 …).
import type { LineDefect } from "./header.js";
import type { SourceLine } from "./text-cleanup.js";

const FOOTER =
  /^(网站地图|返回顶部|打印本页|关闭窗口|【?打印】?|【?关闭】?|分享到|版权所有|主办单位|承办单位|联系我们|上一篇|下一篇|.*ICP备|.*公网安备|扫一扫)/;

/** Splits trailing footer lines off the document. */
export function stripFooter(lines: SourceLine[]): { content: SourceLine[]; defects: LineDefect[] } {
  let end = lines.length;
  while (end > 0 && FOOTER.test(lines[end - 1]?.text ?? "")) end--;
  const defects = lines.slice(end).map((l) => ({
    line: l.line,
    code: "site_footer" as const,
    excerpt: l.text,
    message: "文末的网站导航文字不属于计划正文,已去除(原样保留在警告的摘录中)",
  }));
  return { content: lines.slice(0, end), defects };
}
