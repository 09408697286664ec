import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../../shared/prompt/sampling-defaults';
import type { ReplyRequest } from '../chat-engine';
import { RemoteEngine } from './remote-engine';

// The remote server is the user's, but its answers are read as a stranger's: a loopback server here
// answers the way a broken or hostile one would, and each answer ends in a named error, never a hang, a
// crash or a key sent elsewhere.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done).closeAllConnections());
});

/** A server that lists one model and answers /tokenize, with `completions` (and `models`, when given) as asked. */
async function hostile(completions: Handler, models?: Handler): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/v1/models') return models ? models(req, res) : res.end(JSON.stringify({ data: [{ id: 'm' }] }));
    if (req.url === '/tokenize') return res.end(JSON.stringify({ tokens: [1, 2, 3] }));
    if (req.url === '/v1/completions') return completions(req, res);
    res.writeHead(404).end('not found');
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

const request: ReplyRequest = {
  session: 'h', kvFile: null, meta: { botName: '小花', userName: '小林', botInfo: '', userInfo: '' },
  turns: [{ speaker: 'user', text: '你好' }], keepFirst: 0, partial: '', sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 8, seed: 1 }, adapter: null,
};
const reply = (url: string, apiKey: string | null = null) =>
  new RemoteEngine(async () => ({ url, apiKey, model: '' })).reply(request, () => undefined, new AbortController().signal);
const event = (text: string): string => `data: ${JSON.stringify({ choices: [{ text, finish_reason: null }] })}\n\n`;

describe('RemoteEngine against a misbehaving server', () => {
  it('cuts off a stream that runs far past the tokens asked for', async () => {
    const { url } = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(event('啊').repeat(50)), 1);
      res.on('close', () => clearInterval(timer));
    });
    await expect(reply(url)).rejects.toThrow(/sent more than the 8 tokens asked for/);
  });

  it('names an event that is not JSON, or not a completion, and an error event', async () => {
    const { url: notJson } = await hostile((_req, res) => res.end('data: {nope\n\n'));
    await expect(reply(notJson)).rejects.toThrow(/an event of the reply is not JSON/);
    const { url: wrong } = await hostile((_req, res) => res.end(`data: ${JSON.stringify({ choices: [{ text: 5 }] })}\n\n`));
    await expect(reply(wrong)).rejects.toThrow(/an event of the reply is not a completion chunk/);
    const { url: failing } = await hostile((_req, res) => res.end(`data: ${JSON.stringify({ error: { message: 'out of memory' } })}\n\n`));
    await expect(reply(failing)).rejects.toThrow('the remote server ended the reply with an error: out of memory');
  });

  it('names a stream that ends before [DONE]', async () => {
    const { url } = await hostile((_req, res) => res.end(event('你')));
    await expect(reply(url)).rejects.toThrow(/closed the reply before it ended/);
  });

  it('refuses a model list larger than any real one, and does not follow a redirect with the key', async () => {
    const { url: huge } = await hostile(() => undefined, (_req, res) => {
      res.write('{"data":[');
      const timer = setInterval(() => res.write(`${JSON.stringify({ id: 'x'.repeat(1000) })},`.repeat(100)), 1);
      res.on('close', () => clearInterval(timer));
    });
    await expect(reply(huge)).rejects.toThrow(/larger than 4194304 bytes; not an answer of an OpenAI-compatible server/);

    const elsewhere = await hostile((_req, res) => res.end());
    const { url: redirecting } = await hostile(() => undefined, (_req, res) => res.writeHead(302, { location: `${elsewhere.url}/models` }).end());
    await expect(reply(redirecting, 'secret-key-0123456789')).rejects.toThrow(/redirects \(302\) to .+: put that address in Settings → Runtime/);
    expect(elsewhere.seen).toHaveLength(0);
  });
});
