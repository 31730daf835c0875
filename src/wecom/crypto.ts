// WeCom callback crypto: signature check in constant time, decryption with receive-id check, encrypted reply envelopes.
import { randomFillSync, timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

export interface CallbackKeys {
  token: string;
  /** the 43-character EncodingAESKey */
  aesKey: string;
  /** corp id for a self-built app; the empty string for an intelligent bot */
  receiveId: string;
}

/** The signed query WeCom puts on every callback URL. */
export interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

export interface ReplyEnvelope {
  encrypt: string;
  msgsignature: string;
  timestamp: string;
  nonce: string;
}

/** Why a callback was refused; the HTTP layer maps each to a status. */
export class CallbackRejected extends Error {
  constructor(
    readonly reason: "bad_signature" | "stale_timestamp" | "undecryptable" | "wrong_receiver",
    message: string,
  ) {
    super(message);
  }
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Bytes a padded base64 text decodes to, without decoding it (the cipher decodes it once, later). */
function base64Size(text: string): number {
  if (text.length % 4 !== 0) return 0;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

export function signatureOf(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return getSignature(token, timestamp, nonce, ciphertext);
}

/** Constant-time comparison of a received signature with the expected one (hex sha1). */
export function signatureMatches(keys: CallbackKeys, query: SignedQuery, ciphertext: string): boolean {
  const expected = Buffer.from(signatureOf(keys.token, query.timestamp, query.nonce, ciphertext), "utf8");
  const given = Buffer.from(query.signature.toLowerCase(), "utf8");
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of the input.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}

/** True when the callback's timestamp is within windowS seconds of now. */
export function timestampFresh(timestamp: string, windowS: number, nowMs = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs / 1000) <= windowS;
}

/** Verifies signature then freshness; throws CallbackRejected. Call before touching the ciphertext. */
export function verifyCallback(keys: CallbackKeys, query: SignedQuery, ciphertext: string, windowS: number): void {
  if (!signatureMatches(keys, query, ciphertext)) throw new CallbackRejected("bad_signature", "signature mismatch");
  if (!timestampFresh(query.timestamp, windowS))
    throw new CallbackRejected("stale_timestamp", "timestamp outside window");
}

/** Decrypts a verified ciphertext and checks it was meant for us. */
export function openCiphertext(keys: CallbackKeys, ciphertext: string): string {
  // AES-CBC blocks are 16 bytes; the plain text carries 16 random + 4 length bytes at least.
  const size = base64.test(ciphertext) ? base64Size(ciphertext) : 0;
  if (size < 32 || size % 16 !== 0) throw new CallbackRejected("undecryptable", "bad ciphertext");
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.aesKey, ciphertext);
  } catch {
    throw new CallbackRejected("undecryptable", "cannot decrypt");
  }
  if (opened.id !== keys.receiveId) throw new CallbackRejected("wrong_receiver", "receive id mismatch");
  return opened.message;
}

/** Encrypts and signs a plain reply the way WeCom expects a passive reply. */
export function sealReply(
  keys: CallbackKeys,
  plain: string,
  timestamp = nowSeconds(),
  nonce = freshNonce(),
): ReplyEnvelope {
  const ciphertext = encrypt(keys.aesKey, plain, keys.receiveId, pooledRandom(16));
  return { encrypt: ciphertext, msgsignature: signatureOf(keys.token, timestamp, nonce, ciphertext), timestamp, nonce };
}

/** Encrypts a plain text with the given keys (the simulator plays WeCom with this). */
export function sealCiphertext(keys: CallbackKeys, plain: string): string {
  return encrypt(keys.aesKey, plain, keys.receiveId);
}

export function nowSeconds(nowMs = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}

/**
 * Random bytes drawn from the system in 4 KiB blocks: one system call per 256 replies instead of one per reply
 * (it was a fifth of a reply's cost). The bytes are the cipher's random prefix and nonces, never keys.
 */
const pool = { buffer: Buffer.alloc(4096), offset: 4096 };

function pooledRandom(size: number): Buffer {
  if (pool.offset + size > pool.buffer.length) {
    // A fresh block each time: slices handed out earlier keep pointing at the old one.
    pool.buffer = randomFillSync(Buffer.allocUnsafe(4096));
    pool.offset = 0;
  }
  const bytes = pool.buffer.subarray(pool.offset, pool.offset + size);
  pool.offset += size;
  return bytes;
}

export function freshNonce(): string {
  return pooledRandom(8).readBigUInt64BE(0).toString().slice(0, 10);
}
