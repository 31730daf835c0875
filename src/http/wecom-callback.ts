// Shared first steps of every WeCom callback: read the signed query, verify signature and freshness, then decrypt.
import {
  type CallbackKeys,
  CallbackRejected,
  openCiphertext,
  type SignedQuery,
  verifyCallback,
} from "../wecom/crypto.js";
import { HttpError } from "./http-error.js";
import type { AppContext } from "./state.js";

const statusOf: Record<CallbackRejected["reason"], number> = {
  bad_signature: 401,
  stale_timestamp: 403,
  wrong_receiver: 401,
  undecryptable: 400,
};

function queryString(ctx: AppContext, name: string): string {
  const v = ctx.query[name];
  return typeof v === "string" ? v : "";
}

/** The msg_signature/timestamp/nonce query; a missing signature is a wrong signature. */
export function signedQuery(ctx: AppContext): SignedQuery {
  const query = {
    signature: queryString(ctx, "msg_signature"),
    timestamp: queryString(ctx, "timestamp"),
    nonce: queryString(ctx, "nonce"),
  };
  if (!query.signature || !query.timestamp || !query.nonce || query.signature.length > 128) {
    throw new HttpError(401, "missing or malformed signature", "bad_signature");
  }
  return query;
}

/** A crypto refusal as the HTTP error that answers it. */
function refused<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof CallbackRejected) throw new HttpError(statusOf[err.reason], err.message, err.reason);
    throw err;
  }
}

/** Verifies the signature over the ciphertext before anything else, then the timestamp. */
export function verifyOrRefuse(keys: CallbackKeys, query: SignedQuery, ciphertext: string, windowS: number): void {
  refused(() => verifyCallback(keys, query, ciphertext, windowS));
}

/** Decrypts a verified ciphertext (and checks its receiver). */
export function openCiphertextOrRefuse(keys: CallbackKeys, ciphertext: string): string {
  return refused(() => openCiphertext(keys, ciphertext));
}

/** Verifies the signature over the ciphertext before anything else, then the timestamp, then decrypts. */
export function openCallback(keys: CallbackKeys, query: SignedQuery, ciphertext: string, windowS: number): string {
  verifyOrRefuse(keys, query, ciphertext, windowS);
  return openCiphertextOrRefuse(keys, ciphertext);
}

/** URL verification (GET): the decrypted echostr goes back as plain text. */
export function answerUrlVerification(ctx: AppContext, keys: CallbackKeys, windowS: number): void {
  const query = signedQuery(ctx);
  const echostr = queryString(ctx, "echostr");
  if (!echostr) throw new HttpError(400, "missing echostr", "bad_body");
  ctx.type = "text/plain";
  ctx.body = openCallback(keys, query, echostr, windowS);
}
