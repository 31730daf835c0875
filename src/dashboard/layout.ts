// The page shell every dashboard page shares: head, skip link, navigation, footer saying the page is read-only.
import { html, type SafeHtml } from "./html.js";

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** extra local scripts under /assets/, loaded deferred */
  scripts?: string[];
  /** which nav entry is current */
  current?: "matrix" | "try" | "account";
}

export function renderPage(options: PageOptions): string {
  const scripts = (options.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`);
  const nav = (href: string, label: string, key: PageOptions["current"]) =>
    html`<a href="${href}"${options.current === key ? html` aria-current="page"` : ""}>${label}</a>`;
  return `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 行动计划执行看板</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
${scripts}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
<p class="site-name">行动计划执行看板</p>
<nav aria-label="主导航">${nav("/", "责任矩阵", "matrix")} ${nav("/try", "问问机器人", "try")} ${nav("/auth/account", "账户", "account")}</nav>
</header>
<main id="main">
${options.body}
</main>
<footer class="site-footer">
<p>本页只读，不能在此登记进展。进展请在企业微信群中向机器人报送，或使用命令行 <code>planbot progress</code> 及需管理员令牌的 API 登记。</p>
</footer>
</body>
</html>`}`;
}
