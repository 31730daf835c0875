// The links that send a browser to WeCom to sign in: in-app web authorisation inside WeCom, web login outside it.
// Facts from WeCom's developer documents: 身份验证 · 网页授权登录 · 构造网页授权链接, and 企业微信Web登录 · 构造企业微信登录链接.

export interface SignInLinkInput {
  corpId: string;
  agentId: string;
  /** where WeCom sends the browser back, with ?code=…&state=… */
  redirectUri: string;
  /** a-z, A-Z, 0-9, at most 128 bytes; comes back unchanged */
  state: string;
}

/** Inside the WeCom client: silent authorisation (snsapi_base) signs a member in without typing anything. */
export function inAppAuthorizeUrl(oauthBase: string, i: SignInLinkInput): string {
  const q = new URLSearchParams({
    appid: i.corpId,
    redirect_uri: i.redirectUri,
    response_type: "code",
    scope: "snsapi_base",
    state: i.state,
    agentid: i.agentId,
  });
  // The fragment tells the WeCom client to attach the member's identity.
  return `${oauthBase.replace(/\/+$/, "")}/connect/oauth2/authorize?${q}#wechat_redirect`;
}

/** In an ordinary browser: WeCom's login page (QR code or the desktop client's confirmation) for a self-built app. */
export function webLoginUrl(loginBase: string, i: SignInLinkInput): string {
  const q = new URLSearchParams({
    login_type: "CorpApp",
    appid: i.corpId,
    agentid: i.agentId,
    redirect_uri: i.redirectUri,
    state: i.state,
  });
  return `${loginBase.replace(/\/+$/, "")}/wwlogin/sso/login?${q}`;
}

/** WeCom's built-in browser names itself wxwork in its User-Agent. */
export function insideWecom(userAgent: string): boolean {
  return /\bwxwork\//i.test(userAgent);
}
