import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { finishReason, usageOf, type ResponseShape } from '../../../shared/openai/openai-responses';
import type { ReplyPacket, ReplyResult } from '../../../shared/runtime/generation';
import { sendJson, toOpenAiError } from './api-errors';

/** How the client asked for the reply. */
export interface AnswerOptions {
  shape: ResponseShape;
  /** The model id the request named, repeated in every response. */
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the token counts. */
  includeUsage: boolean;
}

/** Produces the reply; text and the prompt's note arrive as packets. Must stop when `signal` aborts. */
export type ReplyRun = (onPacket: (packet: ReplyPacket) => void, signal: AbortSignal) => Promise<ReplyResult>;

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  // Proxies in front of the studio (nginx) would otherwise hold the stream back.
  'X-Accel-Buffering': 'no',
};

/**
 * Answers with a reply, whole or streamed as server-sent events. The stream starts once the engine has
 * the prompt ready (so a request refused before that still gets its own status), and the reply stops as
 * soon as the client disconnects. An error after the stream started is sent as an `error` event, which
 * OpenAI clients raise; either way it is thrown on to the caller.
 */
export async function answerReply(res: ServerResponse, options: AnswerOptions, run: ReplyRun): Promise<void> {
  const { shape } = options;
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const head = { id: `${shape.idPrefix}${randomBytes(12).toString('hex')}`, created: Math.floor(Date.now() / 1000), model: options.model };
  const event = (chunk: object): void => {
    if (!res.writableEnded && !res.destroyed) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  const startStream = (): void => {
    if (res.headersSent) return;
    res.writeHead(200, SSE_HEADERS);
    if (shape.opening) event(shape.opening(head));
  };
  const onPacket = (packet: ReplyPacket): void => {
    if (!options.stream) return;
    if (packet.type === 'prompt') startStream();
    else event(shape.piece(head, packet.text));
  };
  let result: ReplyResult;
  try {
    result = await run(onPacket, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (res.headersSent) {
      event(toOpenAiError(error).body());
      res.end();
    }
    // Before the stream started, the caller answers with the error's own status; after, it only logs it.
    throw error;
  }
  if (controller.signal.aborted) return;
  const finish = finishReason(result.stopReason);
  const usage = usageOf(result.stats);
  if (!options.stream) {
    sendJson(res, 200, shape.whole(head, result.text, finish, usage));
    return;
  }
  startStream();
  event(shape.closing(head, finish));
  if (options.includeUsage) event(shape.usage(head, usage));
  if (!res.writableEnded && !res.destroyed) res.end('data: [DONE]\n\n');
}
