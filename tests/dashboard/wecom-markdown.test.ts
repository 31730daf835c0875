// The WeCom markdown subset renders as WeCom shows it, and nothing in a reply can inject markup.
import { describe, expect, it } from "vitest";
import { renderWecomMarkdown } from "../../src/dashboard/wecom-markdown.js";

describe("renderWecomMarkdown", () => {
  it("renders headings, bold, links, quotes and the three font colours", () => {
    const out = renderWecomMarkdown(
      [
        "# 任务一",
        '**牵头部门**：<font color="info">区数据资源局</font>',
        '<font color="warning">进度滞后</font> <font color="comment">截至6月</font>',
        "> 原文：加快5G基站建设",
        "> 第二行",
        "[查看看板](https://example.gov.cn/tasks/1)",
      ].join("\n"),
    );
    expect(out).toContain('<h3 class="md-heading">任务一</h3>');
    expect(out).toContain("<strong>牵头部门</strong>");
    expect(out).toContain('<span class="md-font md-font-info">区数据资源局</span>');
    expect(out).toContain('<span class="md-font md-font-warning">进度滞后</span>');
    expect(out).toContain('<span class="md-font md-font-comment">截至6月</span>');
    expect(out).toContain("<blockquote>原文：加快5G基站建设<br>第二行</blockquote>");
    expect(out).toContain('<a href="https://example.gov.cn/tasks/1" rel="noopener noreferrer">查看看板</a>');
  });

  it("turns the chat's answer separator into a rule and keeps line breaks inside a paragraph", () => {
    expect(renderWecomMarkdown("第一行\n第二行\n\n---\n\n下一条")).toBe("<p>第一行<br>第二行</p>\n<hr>\n<p>下一条</p>");
  });

  it("escapes any HTML in the reply, including in links and unknown font colours", () => {
    const out = renderWecomMarkdown(
      '<script>alert(1)</script>\n[x](javascript:alert(1))\n<font color="red" onclick="x">红</font>\n**<img src=x>**',
    );
    expect(out).not.toMatch(/<script|<img|href="javascript|onclick="/);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("[x](javascript:alert(1))");
    expect(out).toContain("&lt;font color=&quot;red&quot;");
    expect(out).toContain("<strong>&lt;img src=x&gt;</strong>");
  });

  it("does not let a link's address break out of its attribute", () => {
    const out = renderWecomMarkdown('[a](https://x.cn/"onmouseover="alert(1))');
    expect(out).not.toContain('"onmouseover');
  });
});
