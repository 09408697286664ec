import type { IncomingMessage } from 'node:http';
import { invalidRequest, OpenAiError } from '../../../shared/openai/openai-error';
import { jsonTextDepthProblem } from '../../../shared/validation/bounded-json';

/** How deep a request body may nest: OpenAI requests nest a few levels (messages → content parts). */
const MAX_DEPTH = 32;

const tooLarge = (maxBytes: number): OpenAiError =>
  new OpenAiError(413, 'invalid_request_error', 'request_too_large', `the request body is larger than ${maxBytes / 1024 / 1024} MiB`);

/**
 * Reads a request's JSON body, at most `maxBytes`: a larger Content-Length is refused before a byte is read,
 * and a body that grows past the bound (chunked, or lying about its length) is refused as soon as it does.
 * Throws the API's error for a body that is too large (413) or not JSON (400).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: OpenAiError): void => {
      req.removeAllListeners('data');
      chunks.length = 0;
      // Paused, not drained: the response says 413 and closes the connection.
      req.pause();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    req.on('error', (error) => reject(error));
    // A client that leaves mid-body: end the wait (and drop what it sent) instead of waiting for an end that never comes.
    req.on('close', () => {
      if (!req.complete) fail(new OpenAiError(400, 'invalid_request_error', 'incomplete_body', 'the client left before its request body ended'));
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        reject(invalidRequest('invalid_json', 'the request has no body: send a JSON object'));
        return;
      }
      const depth = jsonTextDepthProblem(text, MAX_DEPTH);
      if (depth) {
        reject(invalidRequest('invalid_json', `the request body is ${depth}`));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(invalidRequest('invalid_json', `the request body is not JSON: ${(error as Error).message}`));
      }
    });
  });
}
