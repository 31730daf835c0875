// The one error type for calls to WeCom's server API, telling whether retrying can help. Its text never holds a secret.
import { redactSecrets } from "./redact-secrets.js";

/** errcodes that mean "try again later": system busy, frequency limit (45009 and its relatives). */
const TRANSIENT_ERRCODES = new Set([-1, 45009, 45033, 45011]);
/**
 * Network failures that happen before a request is written: WeCom cannot have seen it. Every other network failure
 * (connection cut, no answer in time) comes after the request left, and WeCom may have acted on it.
 */
const NOT_SENT_CAUSES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
/** errcodes that mean the access token is invalid or expired: refresh it once and retry. */
export const TOKEN_ERRCODES = new Set([40014, 42001]);

export class WecomApiError extends Error {
  override readonly name = "WecomApiError";
  constructor(
    message: string,
    /** WeCom's errcode, or null for a network or HTTP failure */
    readonly errcode: number | null,
    /** false when the same request can never succeed (bad key, bad corp secret, too long…) */
    readonly retryable: boolean,
    /** true when the request may have reached WeCom although no answer said so (cut connection, timeout) */
    readonly maybeDelivered = false,
  ) {
    super(redactSecrets(message));
  }

  static fromErrcode(api: string, errcode: number, errmsg: unknown): WecomApiError {
    const text = typeof errmsg === "string" ? errmsg.slice(0, 200) : "";
    return new WecomApiError(`${api}: errcode ${errcode} ${text}`.trim(), errcode, TRANSIENT_ERRCODES.has(errcode));
  }

  static fromHttpStatus(api: string, status: number): WecomApiError {
    return new WecomApiError(`${api}: HTTP ${status}`, null, status >= 500 || status === 429 || status === 408);
  }

  static fromNetwork(api: string, err: unknown): WecomApiError {
    const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    const code = err instanceof Error && err.cause instanceof Error ? (err.cause as NodeJS.ErrnoException).code : "";
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    const text = timedOut ? `${api}: no answer in time` : `${api}: network error: ${cause}`;
    // fetch refuses some URLs (e.g. "bad port") before any connection: a network error without a cause code
    const refusedByFetch = err instanceof Error && err.cause instanceof Error && code === undefined && !timedOut;
    return new WecomApiError(text, null, true, !(refusedByFetch || NOT_SENT_CAUSES.has(code ?? "")));
  }
}

/** POSTs or GETs JSON and returns WeCom's answer when errcode is 0; everything else becomes a WecomApiError. */
export async function callWecomJson(
  fetchImpl: typeof fetch,
  api: string,
  url: string,
  init: { method: "GET" | "POST"; body?: unknown; timeoutMs: number },
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (err) {
    throw WecomApiError.fromNetwork(api, err);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    // the answer was cut halfway: the request itself had arrived
    throw new WecomApiError(WecomApiError.fromNetwork(api, err).message, null, true, true);
  }
  if (!res.ok) throw WecomApiError.fromHttpStatus(api, res.status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A 200 that is not JSON comes from something between us and WeCom (a proxy page): worth another try.
    throw new WecomApiError(`${api}: answer is not JSON`, null, true, true);
  }
  if (typeof json !== "object" || json === null) {
    throw new WecomApiError(`${api}: answer is not an object`, null, true, true);
  }
  const answer = json as Record<string, unknown>;
  const errcode = typeof answer.errcode === "number" ? answer.errcode : 0;
  if (errcode !== 0) throw WecomApiError.fromErrcode(api, errcode, answer.errmsg);
  return answer;
}
