// Scrubs secrets (webhook keys, access tokens, corp secrets) out of texts that may end up in logs, errors or the outbox.

const SECRET_QUERY = /\b(key|access_token|corpsecret|secret|token|response_code)=([^&\s"']+)/gi;

/** Replaces the values of secret-bearing URL parameters with [redacted]; other text is left as it is. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_QUERY, (_m, name: string) => `${name}=[redacted]`);
}
