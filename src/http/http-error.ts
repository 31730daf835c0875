// An error that carries the HTTP status to answer with and a message safe to show the caller.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the failures-metric kind, when the refusal is worth counting */
    readonly kind?: string,
  ) {
    super(message);
  }
}
