// Errors the emulator answers with, shaped and worded like the Bot API's.

/** A Bot API error: HTTP status = error_code, body {ok:false, error_code, description, parameters?}. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }

  toBody(): { ok: false; error_code: number; description: string; parameters?: { retry_after: number } } {
    const body = { ok: false as const, error_code: this.code, description: this.description };
    return this.retryAfter === undefined ? body : { ...body, parameters: { retry_after: this.retryAfter } };
  }
}

export function badRequest(what: string): ApiError {
  return new ApiError(400, `Bad Request: ${what}`);
}

export function forbidden(what: string): ApiError {
  return new ApiError(403, `Forbidden: ${what}`);
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
}

export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");
export const methodNotFound = (): ApiError => new ApiError(404, "Not Found: method not found");
export const chatNotFound = (): ApiError => badRequest("chat not found");
export const wrongFileId = (): ApiError => badRequest("wrong file identifier/HTTP URL specified");
