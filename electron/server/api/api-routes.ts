import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { invalidRequest, OpenAiError } from '../../../shared/openai/openai-error';
import { chatCompletionRequestSchema, completionRequestSchema, type SamplingRequest } from '../../../shared/openai/openai-requests';
import { CHAT_RESPONSES, modelList, TEXT_RESPONSES, type ResponseShape } from '../../../shared/openai/openai-responses';
import type { ReplyPacket, ReplyResult } from '../../../shared/runtime/generation';
import { formatIssues } from '../../../shared/validation/format-issues';
import type { OpenAiService } from '../../services/openai/openai-service';
import { MAX_API_BODY_BYTES } from '../limits';
import { sendError, sendJson, toOpenAiError } from './api-errors';
import type { GenerationGate } from './generation-gate';
import { readJsonBody } from './json-body';
import { answerReply } from './reply-answer';

/** The path prefix of the OpenAI-compatible API. */
export const API_PREFIX = '/v1';

/** What the API routes answer with. */
export interface ApiDeps {
  openai: OpenAiService;
  gate: GenerationGate;
  /** Where failures of the studio's own (5xx) are reported, one line each. */
  log: (line: string) => void;
}

/** The request body checked against `schema`; the 400 names the first field at fault. */
async function readRequest<T extends z.ZodType<SamplingRequest>>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJsonBody(req, MAX_API_BODY_BYTES));
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path ?? [];
  throw invalidRequest('invalid_value', formatIssues(parsed.error), path.length > 0 ? path.map(String).join('.') : null);
}

type Answer<R> = (request: R, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal) => Promise<ReplyResult>;

/** Reads a generation request and answers it when the gate gives it a turn. */
async function generate<T extends z.ZodType<SamplingRequest>>(
  req: IncomingMessage, res: ServerResponse, gate: GenerationGate, schema: T, shape: ResponseShape, answer: Answer<z.output<T>>,
): Promise<void> {
  const request = await readRequest(req, schema);
  const options = { shape, model: request.model, stream: request.stream === true, includeUsage: request.stream_options?.include_usage === true };
  await answerReply(res, options, async (onPacket, signal) => {
    const leave = await gate.enter(signal);
    try {
      return await answer(request, onPacket, signal);
    } finally {
      leave();
    }
  });
}

type Route = { method: 'GET' | 'POST'; handle: (req: IncomingMessage, res: ServerResponse, deps: ApiDeps) => Promise<void> };

const ROUTES: Record<string, Route> = {
  [`${API_PREFIX}/models`]: {
    method: 'GET',
    handle: async (_req, res, { openai }) => sendJson(res, 200, modelList(await openai.models())),
  },
  [`${API_PREFIX}/chat/completions`]: {
    method: 'POST',
    handle: (req, res, { openai, gate }) => generate(req, res, gate, chatCompletionRequestSchema, CHAT_RESPONSES, (r, on, signal) => openai.chat(r, on, signal)),
  },
  [`${API_PREFIX}/completions`]: {
    method: 'POST',
    handle: (req, res, { openai, gate }) => generate(req, res, gate, completionRequestSchema, TEXT_RESPONSES, (r, on, signal) => openai.complete(r, on, signal)),
  },
};

/** Answers a request under /v1 (access was checked before); every failure is a JSON error with its status. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, path: string, deps: ApiDeps): Promise<void> {
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  try {
    if (!route) {
      throw new OpenAiError(404, 'not_found_error', 'unknown_url', `nothing at ${path.slice(0, 200)}: the studio answers GET /v1/models, POST /v1/chat/completions and POST /v1/completions`);
    }
    if (req.method !== route.method) {
      sendError(res, new OpenAiError(405, 'invalid_request_error', 'method_not_allowed', `${path} takes ${route.method}`), { Allow: route.method });
      return;
    }
    await route.handle(req, res, deps);
  } catch (error) {
    // The client left: there is no one to answer.
    if (res.destroyed) return;
    const apiError = toOpenAiError(error);
    if (apiError.status >= 500) deps.log(`${req.method} ${path}: ${apiError.status} ${apiError.message}`);
    // A body refused before it was read whole leaves the rest of it on the connection: close that too.
    sendError(res, apiError, apiError.status === 413 ? { Connection: 'close' } : {});
  }
}
