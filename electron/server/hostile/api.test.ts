import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES } from '../limits';
import { stillAnswers, useHostileServer, type HostileServer } from './hostile-server';

// Strangers on the OpenAI-compatible API of a real server process: bodies too large (announced or
// streamed), bodies that are not JSON or nest too deep, unknown paths and methods, foreign names and
// origins. Each gets its JSON error and the server goes on serving.

const fixture = useHostileServer('studio-api-');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request; `chunks` are written as they come (chunked unless a Content-Length is set). */
function call(server: HostileServer, options: { method?: string; path?: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'POST', path: options.path ?? '/v1/chat/completions', headers: options.headers });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    // The server may close while the rest of a refused body is still being sent; the answer is what counts.
    req.on('error', (error) => reject(error));
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const errorOf = (answer: Answer): { message: string; type: string; code: string | null } => (JSON.parse(answer.body) as { error: { message: string; type: string; code: string | null } }).error;

describe('hostile API clients', () => {
  it('refuses a body over the limit with 413: announced, before it is read, and streamed, once it grows past it', async () => {
    const announced = await call(fixture.server, { headers: { 'Content-Length': String(MAX_API_BODY_BYTES + 1) } });
    expect(announced.status).toBe(413);
    expect(errorOf(announced).code).toBe('request_too_large');
    expect(announced.headers.connection).toBe('close');

    const piece = Buffer.alloc(256 * 1024, 0x20);
    const streamed = await call(fixture.server, { chunks: Array.from({ length: MAX_API_BODY_BYTES / piece.length + 2 }, () => piece) });
    expect(streamed.status).toBe(413);
    expect(await stillAnswers(fixture.server)).toBe(true);
  });

  it('answers a body that is not JSON, nests a million levels deep, or has a bad field with 400 naming the problem', async () => {
    const json = { 'Content-Type': 'application/json' };
    const broken = await call(fixture.server, { headers: json, chunks: [Buffer.from('{"model": ')] });
    expect([broken.status, errorOf(broken).code]).toEqual([400, 'invalid_json']);
    const deep = await call(fixture.server, { headers: json, chunks: [Buffer.from('['.repeat(1_000_000))] });
    expect([deep.status, errorOf(deep).message]).toEqual([400, 'the request body is nested deeper than 32 levels']);
    const field = await call(fixture.server, { headers: json, chunks: [Buffer.from(JSON.stringify({ model: 'x', messages: [], temperature: 'hot' }))] });
    expect(field.status).toBe(400);
    expect(errorOf(field).message).toContain('temperature: ');
    expect(errorOf(field).message).toContain('messages: ');
    expect(await stillAnswers(fixture.server)).toBe(true);
  });

  it('answers unknown paths with 404, wrong methods with 405 and unknown models with 404, all as JSON errors', async () => {
    const unknown = await call(fixture.server, { method: 'GET', path: '/v1/engines' });
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'unknown_url']);
    const method = await call(fixture.server, { method: 'GET', path: '/v1/chat/completions' });
    expect([method.status, method.headers.allow]).toEqual([405, 'POST']);
    const model = await call(fixture.server, { chunks: [Buffer.from(JSON.stringify({ model: '../../etc', messages: [{ role: 'user', content: 'hi' }] }))] });
    expect([model.status, errorOf(model).code]).toEqual([404, 'model_not_found']);
    const models = await call(fixture.server, { method: 'GET', path: '/v1/models' });
    expect([models.status, JSON.parse(models.body)]).toEqual([200, { object: 'list', data: [] }]);
  });

  it('refuses a foreign Host (DNS rebinding) with 421 and a foreign Origin with 403, as JSON errors', async () => {
    const host = await call(fixture.server, { method: 'GET', path: '/v1/models', headers: { Host: `evil.example:${fixture.server.port}` } });
    expect([host.status, errorOf(host).type]).toEqual([421, 'permission_error']);
    const origin = await call(fixture.server, { method: 'GET', path: '/v1/models', headers: { Origin: `http://evil.example:${fixture.server.port}` } });
    expect([origin.status, errorOf(origin).message]).toEqual([403, `origin http://evil.example:${fixture.server.port} is not this studio`]);
  });
});
