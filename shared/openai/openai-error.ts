// Errors as OpenAI-compatible clients read them: an HTTP status and `{error: {message, type, param, code}}`.
// The `openai` npm client picks its error class from the status (401 AuthenticationError, 404
// NotFoundError…) and shows `message`; SillyTavern and Open WebUI show `message` as well.

/** The `type` values OpenAI's API uses. */
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error';

/** The body of every error response. */
export interface OpenAiErrorBody {
  error: { message: string; type: OpenAiErrorType; param: string | null; code: string | null };
}

/** An error with the status and body the API answers with. */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: OpenAiErrorType,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'OpenAiError';
  }

  body(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** A 400 naming the request field at fault. */
export function invalidRequest(code: string, message: string, param: string | null = null): OpenAiError {
  return new OpenAiError(400, 'invalid_request_error', code, message, param);
}
