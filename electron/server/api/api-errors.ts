import type { ServerResponse } from 'node:http';
import { StudioError, type StudioErrorCode } from '../../../shared/contract/errors';
import { OpenAiError, type OpenAiErrorType } from '../../../shared/openai/openai-error';
import type { Refusal } from '../access';

const STATUS: Record<StudioErrorCode, [number, OpenAiErrorType]> = {
  invalid_input: [400, 'invalid_request_error'],
  unsupported: [400, 'invalid_request_error'],
  bad_file: [400, 'invalid_request_error'],
  not_found: [404, 'not_found_error'],
  conflict: [409, 'invalid_request_error'],
  unauthorized: [403, 'permission_error'],
  cancelled: [408, 'invalid_request_error'],
  failed: [500, 'server_error'],
};

/** Anything thrown while answering, as the API's error: the studio's own errors keep their message and code. */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  if (error instanceof StudioError) {
    const [status, type] = STATUS[error.code];
    return new OpenAiError(status, type, error.code, error.message);
  }
  return new OpenAiError(500, 'server_error', null, error instanceof Error ? error.message : String(error));
}

/** Headers of every API response: JSON is never sniffed as something else, nor cached. */
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** Sends a JSON body, unless the response has already started or its client is gone. */
export function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...JSON_HEADERS, ...headers }).end(JSON.stringify(body));
}

/** Sends an error as `{error: {message, type, param, code}}` with its status. */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  const apiError = toOpenAiError(error);
  sendJson(res, apiError.status, apiError.body(), headers);
}

/** Answers a request the access rules refused (access.ts): 401 asks for the token as a bearer API key. */
export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  const unauthorized = refusal.status === 401;
  const error = new OpenAiError(refusal.status, unauthorized ? 'authentication_error' : 'permission_error', unauthorized ? 'invalid_api_key' : 'refused', refusal.reason);
  sendError(res, error, unauthorized ? { 'WWW-Authenticate': 'Bearer realm="character-studio"' } : {});
}
