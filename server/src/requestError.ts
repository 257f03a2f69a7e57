/**
 * A refusal the caller should see: the status and a Chinese message. Services throw it; the HTTP
 * layer turns it into `{ error }` with that status.
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503 | 504,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'RequestError'
  }
}
