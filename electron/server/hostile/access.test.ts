import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startHostileServer, stillAnswers, type HostileServer } from './hostile-server';
import { openRaw } from './raw-socket';

// Who may reach a real server process: DNS rebinding (a foreign name in Host), foreign Origins, and
// the token rules of remote mode, down to what the real `studio serve` says at start.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TOKEN = 'a-token-of-twenty-chars';
const run: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of run.splice(0).reverse()) await cleanup();
});

async function start(args: string[] = []): Promise<HostileServer> {
  const root = await mkdtemp(join(tmpdir(), 'studio-access-'));
  const server = await startHostileServer(join(root, 'data'), args);
  run.push(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });
  return server;
}

/** A plain GET with a Host header of our choosing (fetch would not let us set it). */
function get(server: HostileServer, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const studioCli = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['bin/studio.mjs', 'serve', ...args], { cwd: ROOT }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

describe('access: loopback mode', () => {
  it('refuses a foreign Host (DNS rebinding) for plain HTTP and before the upgrade, and accepts the loopback names', async () => {
    const server = await start();
    const evil = `evil.example:${server.port}`;
    expect(await get(server, evil)).toEqual({ status: 421, body: `host ${evil} is not this studio` });
    expect((await get(server, `127.0.0.1:${server.port + 1}`)).status).toBe(421);
    expect((await openRaw(server, { Host: evil, Origin: `http://${evil}` })).status).toBe(421);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await get(server, host)).status, host).toBe(200);
    }
    expect((await openRaw(server, { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` })).status).toBe(101);
    expect(await stillAnswers(server)).toBe(true);
  });

  it('answers an upgrade whose request target is no path (`//`, which URL parsing throws on) with 404, and goes on', async () => {
    const server = await start();
    expect((await openRaw(server, {}, '//')).status).toBe(404);
    expect(await stillAnswers(server)).toBe(true);
  });

  it('refuses an Origin that is not the Host it came to', async () => {
    const server = await start();
    expect((await openRaw(server, { Origin: `http://evil.example:${server.port}` })).status).toBe(403);
    expect((await openRaw(server, { Origin: `http://localhost:${server.port}` })).status).toBe(403);
    expect((await openRaw(server, { Origin: 'null' })).status).toBe(403);
    await expect(connectClient(server, { origin: 'https://evil.example' })).rejects.toThrow('refused 403');
    expect(await stillAnswers(server)).toBe(true);
  });
});

describe('access: tokens', () => {
  it('refuses an empty or short token, a token without --allow-remote, at start and in one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--allow-remote', '--token', ''], /^studio: --token is empty; it needs at least 16 \(leave it out to have one generated\)\n$/],
      [['--allow-remote', '--token', 'short'], /^studio: --token has 5 characters; it needs at least 16 /],
      [['--token', TOKEN], /^studio: --token is only used with --allow-remote/],
      [['--allow-private-downloads'], /^studio: --allow-private-downloads is only used with --allow-remote/],
    ];
    const library = await mkdtemp(join(tmpdir(), 'studio-access-cli-'));
    run.push(() => rm(library, { recursive: true, force: true }));
    for (const [args, message] of cases) {
      const result = await studioCli(...args, '--port', '0', '--library', library);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('requires the token on a loopback bind opened with --allow-remote', async () => {
    const server = await start(['--allow-remote', '--token', TOKEN]);
    expect(server.token).toBe(TOKEN);
    await expect(connectClient(server, { token: '' })).rejects.toThrow('refused 403');
    await expect(connectClient(server, { token: `${TOKEN}x` })).rejects.toThrow('refused 403');
    const client = await connectClient(server);
    expect((await client.call('app.info', {})).ok).toBe(true);
    client.close();
    // Remote mode can be reached under names it cannot know, so Host is free there: the token guards.
    expect((await get(server, `studio.lan:${server.port}`)).status).toBe(200);
  });
});
