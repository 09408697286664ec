import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelJobPacket } from '../../../shared/models/model-job';
import { formatBytes } from '../../../shared/text/format-bytes';
import { tinyConfig } from '../../../models/tiny-checkpoint/tiny-checkpoint';
import { createStudio } from '../../host/studio';
import { startTestHub, tinyHubFiles, type HubFileSpec, type TestHub } from '../../test-support/test-hub';
import { useTempDir } from '../../test-support/temp-dir';
import { cli, cliWith } from '../test-cli';

// `studio models get` against a model hub of the test's own on loopback (test-support/test-hub.ts),
// serving the tiny checkpoint: the real downloader, converter, quantiser, registry and runtime. Each
// case ends with the model listed and answering in chat, or with a named error and nothing registered.

const REPO = 'thu-coai/CharacterGLM-6B';
const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Retry pauses of milliseconds: the dropped-connection case needs no real waiting. */
const FAST = { downloadRetry: { attempts: 4, baseDelayMs: 5 } };
const TOKEN = 'hf_TestTokenNeverLogged0123';

const tempDir = useTempDir('studio-get-');
let hub: TestHub | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await hub?.close();
  hub = undefined;
});

interface Setup {
  hub: TestHub;
  library: string;
  files: HubFileSpec[];
}

async function hubWith(format: 'safetensors' | 'pytorch', options: { token?: string; config?: Record<string, unknown>; listedSizes?: Record<string, number> } = {}): Promise<Setup> {
  const dir = await tempDir();
  hub = await startTestHub(options.token ? { token: options.token } : {});
  const files = (await tinyHubFiles(join(dir, 'source'), format, options.config)).map((f) => ({ ...f, ...(options.listedSizes?.[f.name] ? { listedSize: options.listedSizes[f.name] } : {}) }));
  hub.addRepo(REPO, files);
  vi.stubEnv('HF_ENDPOINT', hub.endpoint);
  vi.stubEnv('HF_TOKEN', '');
  return { hub, library: join(dir, 'library'), files };
}

const get = (library: string, ...args: string[]) => cliWith(FAST, 'models', 'get', REPO, '--accept-licence', '--library', library, '--json', ...args);

function packets(stdout: string): { packets: ModelJobPacket[]; result: Record<string, unknown> } {
  const all = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { packets: all.slice(0, -1) as unknown as ModelJobPacket[], result: all.at(-1)! };
}

const shaOf = (setup: Setup, name: string): string => createHash('sha256').update(setup.files.find((f) => f.name === name)!.bytes).digest('hex');
const sizeOf = (setup: Setup, name: string): number => setup.files.find((f) => f.name === name)!.bytes.length;
/** The storage requests for one LFS file, with their Range headers. */
const storageFetches = (setup: Setup, name: string) => setup.hub.requests.filter((r) => r.server === 'storage' && r.path === `/lfs/${shaOf(setup, name)}`);
/** Names of the files asked for through resolve URLs. */
const resolved = (h: TestHub): string[] => h.requests.filter((r) => r.server === 'hub' && r.path.includes('/resolve/')).map((r) => r.path.split('/').pop()!);

async function registered(library: string): Promise<Array<Record<string, unknown>>> {
  return JSON.parse((await cli('models', 'list', '--library', library, '--json')).stdout) as Array<Record<string, unknown>>;
}

async function modelsFolder(library: string): Promise<string[]> {
  const entries = await readdir(join(library, 'models'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(join(library, 'models').length + 1)).sort();
}

async function expectAnswersInChat(library: string, modelName: string): Promise<void> {
  const file = join(library, '..', 'character.json');
  await writeFile(file, JSON.stringify({ 小白: { user_info: '', bot_info: '小白，17岁。', user_name: '用户', bot_name: '小白', greeting: '你好！' } }));
  expect((await cli('characters', 'import', file, '--library', library)).code).toBe(0);
  const chat = await cli('chat', '小白', '--message', '你好', '--max-tokens', '4', '--seed', '1', '--library', library, '--json');
  expect(chat.stderr).toBe('');
  const reply = JSON.parse(chat.stdout) as { model: string; tokens: { generated: number } };
  expect(reply.model).toBe(modelName);
  expect(reply.tokens.generated).toBeGreaterThan(0);
}

describe('studio models get', () => {
  it('asks for the licence first, then fetches only the converter\'s files, quantises, registers and loads the model, which answers in chat', async () => {
    const setup = await hubWith('safetensors');
    const refused = await cliWith(FAST, 'models', 'get', REPO, '--library', setup.library);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^studio: CharacterGLM-6B model licence: .*non-commercial.*run again with --accept-licence\n$/);
    expect(setup.hub.requests).toEqual([]);

    const run = await get(setup.library);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { packets: seen, result } = packets(run.stdout);
    expect(result).toMatchObject({ name: 'CharacterGLM-6B Q4_K_M', architecture: 'chatglm', quantization: 'Q4_K_M', source: 'hub', isDefault: true });
    const phases = [...new Set(seen.flatMap((p) => (p.type === 'progress' ? [p.phase] : [])))];
    expect(phases).toEqual(expect.arrayContaining(['list', 'download', 'convert', 'quantize', 'load']));
    expect(phases.indexOf('download')).toBeLessThan(phases.indexOf('convert'));
    const needed = ['config.json', 'tokenizer.model', 'MODEL_LICENSE', 'model.safetensors.index.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
    expect(resolved(setup.hub)).toEqual(needed);
    const downloads = seen.filter((p) => p.type === 'progress' && p.phase === 'download');
    const total = needed.reduce((sum, name) => sum + sizeOf(setup, name), 0);
    expect(downloads.at(-1)).toMatchObject({ done: total, total });
    for (const name of ['tokenizer.model', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']) expect(storageFetches(setup, name)).toHaveLength(1);
    expect(await modelsFolder(setup.library)).toEqual(['CharacterGLM-6B-Q4_K_M.gguf', 'models.json']);
    expect(await registered(setup.library)).toHaveLength(1);
    await expectAnswersInChat(setup.library, 'CharacterGLM-6B Q4_K_M');
  });

  it('resumes a shard whose connection dropped half-way with a Range request, and keeps the checkpoint when asked', async () => {
    const setup = await hubWith('pytorch');
    const shard = 'pytorch_model-00002-of-00002.bin';
    const half = Math.floor(sizeOf(setup, shard) / 2);
    setup.hub.dropOnce(shard, half);
    const run = await get(setup.library, '--quant', 'F16', '--keep-checkpoint');
    expect(run.code, run.stderr).toBe(0);
    const { packets: seen, result } = packets(run.stdout);
    expect(result).toMatchObject({ name: 'CharacterGLM-6B F16', quantization: 'F16' });
    expect(seen).toContainEqual({ type: 'notice', message: expect.stringMatching(new RegExp(`download of ${shard} .*; trying again in`)) });
    // The connection is destroyed after `half` bytes; the client may lose the last of them in the reset.
    const [first, second, ...more] = storageFetches(setup, shard);
    expect([first?.range, more]).toEqual([undefined, []]);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(second?.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(half / 2);
    expect(resumedAt).toBeLessThanOrEqual(half);
    const kept = join(setup.library, 'models', 'checkpoints', 'thu-coai--CharacterGLM-6B@main');
    expect((await readdir(kept)).sort()).toEqual(['MODEL_LICENSE', 'config.json', 'pytorch_model-00001-of-00002.bin', shard, 'pytorch_model.bin.index.json', 'tokenizer.model']);
    expect((await readFile(join(kept, shard))).equals(setup.files.find((f) => f.name === shard)!.bytes)).toBe(true);
    await expectAnswersInChat(setup.library, 'CharacterGLM-6B F16');
  });

  it('fetches a shard served corrupted once again, and refuses one that stays corrupted by name, registering nothing', async () => {
    const setup = await hubWith('safetensors');
    const shard = 'model-00001-of-00002.safetensors';
    setup.hub.corrupt(shard, 2);
    const failed = await get(setup.library, '--quant', 'F16');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^studio: ${shard}: sha256 mismatch \\(expected ${shaOf(setup, shard)}, got [0-9a-f]{64}, again after a fresh download\\); the damaged file was deleted\\n$`));
    expect(await registered(setup.library)).toEqual([]);
    expect((await modelsFolder(setup.library)).filter((f) => f.includes(shard) || f.endsWith('.gguf'))).toEqual([]);

    setup.hub.corrupt(shard, 1);
    const run = await get(setup.library, '--quant', 'F16');
    expect(run.code, run.stderr).toBe(0);
    expect(storageFetches(setup, shard).map((r) => r.range)).toEqual([undefined, undefined, undefined, undefined]);
    await expectAnswersInChat(setup.library, 'CharacterGLM-6B F16');
  });

  it('names a repository that needs a token, and succeeds with the token from Settings, sent only to the hub', async () => {
    const setup = await hubWith('safetensors', { token: TOKEN });
    const failed = await get(setup.library, '--quant', 'F16');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`studio: ${REPO} needs a token (401): set HF_TOKEN or a token in Settings → Model hub\n`);
    expect(await registered(setup.library)).toEqual([]);
    expect(existsSync(join(setup.library, 'models', '.hub'))).toBe(false);

    const studio = await createStudio({ dataDir: setup.library, transport: 'serve' });
    expect(await studio.handlers.settings.setHubToken({ token: TOKEN })).toMatchObject({ tokenFrom: 'settings', endpointFrom: 'environment' });
    await studio.dispose();
    expect((await stat(join(setup.library, 'hub-token'))).mode & 0o777).toBe(0o600);

    const run = await get(setup.library, '--quant', 'F16');
    expect(run.code, run.stderr).toBe(0);
    const afterToken = setup.hub.requests.slice(1);
    expect(afterToken.filter((r) => r.server === 'hub').every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(afterToken.filter((r) => r.server === 'storage').length).toBeGreaterThan(0);
    expect(afterToken.filter((r) => r.server === 'storage' && r.authorization !== undefined)).toEqual([]);
    expect(`${failed.stdout}${failed.stderr}${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    await expectAnswersInChat(setup.library, 'CharacterGLM-6B F16');
    for (const entry of await readdir(setup.library, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name === 'hub-token') continue;
      expect((await readFile(join(entry.parentPath, entry.name))).includes(TOKEN), entry.name).toBe(false);
    }
  });

  it('continues where a studio killed mid-download stopped', async () => {
    const setup = await hubWith('safetensors');
    const shard = 'model-00002-of-00002.safetensors';
    const half = Math.floor(sizeOf(setup, shard) / 2);
    const held = setup.hub.hold(shard, half);
    const child = spawn(process.execPath, ['bin/studio.mjs', 'models', 'get', REPO, '--accept-licence', '--quant', 'F16', '--library', setup.library, '--json'], {
      cwd: ROOT, env: { ...process.env, HF_ENDPOINT: setup.hub.endpoint, HF_TOKEN: '' }, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await held.reached;
    const part = join(setup.library, 'models', '.hub', 'thu-coai--CharacterGLM-6B@main', 'CharacterGLM-6B', `${shard}.part`);
    await expect.poll(() => stat(part).then((s) => s.size, () => 0), { timeout: 20_000 }).toBe(half);
    child.kill('SIGKILL');
    await exited;
    expect(await registered(setup.library)).toEqual([]);

    const run = await get(setup.library, '--quant', 'F16');
    expect(run.code, run.stderr).toBe(0);
    expect(storageFetches(setup, shard).map((r) => r.range)).toEqual([undefined, `bytes=${half}-`]);
    expect(storageFetches(setup, 'model-00001-of-00002.safetensors')).toHaveLength(1);
    expect(packets(run.stdout).packets).toContainEqual({ type: 'notice', message: `${shard}: resumed at ${formatBytes(half)}` });
    await expectAnswersInChat(setup.library, 'CharacterGLM-6B F16');
  }, 90_000);

  it('refuses a repository whose config.json is not ChatGLM2-family before fetching any weights', async () => {
    const setup = await hubWith('safetensors', { config: { ...tinyConfig(), model_type: 'llama', architectures: ['LlamaForCausalLM'] } });
    const run = await get(setup.library);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^studio: thu-coai\/CharacterGLM-6B is not a ChatGLM2-family model \(config\.json: unknown architecture "llama": .*\); nothing was downloaded beyond config\.json\n$/);
    expect(resolved(setup.hub)).toEqual(['config.json']);
    expect(setup.hub.requests.filter((r) => r.server === 'storage')).toEqual([]);
    expect(await registered(setup.library)).toEqual([]);
    expect(await modelsFolder(setup.library)).toEqual([]);
  });

  it('names a repository and a revision the hub does not have (404)', async () => {
    const setup = await hubWith('safetensors');
    const missingRepo = await cliWith(FAST, 'models', 'get', 'THUDM/no-such-model', '--library', setup.library, '--json');
    expect(missingRepo.stderr).toBe('studio: repository THUDM/no-such-model not found (404); private repositories need a token\n');
    const missingRevision = await get(setup.library, '--revision', 'v9');
    expect(missingRevision.stderr).toBe(`studio: ${REPO}: revision v9 not found (404)\n`);
    const invalid = await get(setup.library, '--revision', '../main');
    expect([invalid.code, invalid.stderr]).toEqual([2, 'studio: revision: must not contain "." or ".." segments\n']);
    expect(await registered(setup.library)).toEqual([]);
    expect(await modelsFolder(setup.library)).toEqual([]);
  });

  it('checks the disk for download, conversion and result before the first byte', async () => {
    const setup = await hubWith('safetensors', { listedSizes: { 'model-00002-of-00002.safetensors': 2 ** 50 } });
    const run = await get(setup.library);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^studio: not enough free disk space for getting thu-coai\/CharacterGLM-6B \(download, conversion and the Q4_K_M result\): needs [\d.]+ TB, .* free in /);
    expect(resolved(setup.hub)).toEqual([]);
    expect(await modelsFolder(setup.library)).toEqual([]);
  });

  it('cancels mid-download keeping only the resumable files, which Clean up removes', async () => {
    const setup = await hubWith('safetensors');
    const shard = 'model-00001-of-00002.safetensors';
    const held = setup.hub.hold(shard, 1000);
    const studio = await createStudio({ dataDir: setup.library, transport: 'serve' });
    try {
      await studio.services.models.acceptLicence('characterglm-6b');
      const controller = new AbortController();
      const job = studio.handlers.models.get({ repo: REPO, revision: 'main', quant: 'F16', keepCheckpoint: false }, () => undefined, controller.signal);
      await held.reached;
      expect(await studio.handlers.models.cleanUp({})).toMatchObject({ items: [{ kind: 'get', repo: REPO, running: true }] });
      controller.abort();
      await expect(job).rejects.toMatchObject({ code: 'cancelled' });
      held.release();
      expect(await studio.services.models.list()).toEqual([]);
      const stagingFiles = await modelsFolder(setup.library);
      expect(stagingFiles.every((f) => f.startsWith('.hub/thu-coai--CharacterGLM-6B@main/'))).toBe(true);
      expect(stagingFiles).toContain(`.hub/thu-coai--CharacterGLM-6B@main/CharacterGLM-6B/${shard}.part`);
      const leftovers = await studio.handlers.models.leftovers({});
      expect(leftovers).toMatchObject({ items: [{ kind: 'get', repo: REPO, revision: 'main', quant: 'F16', running: false }] });
      expect(leftovers.bytes).toBeGreaterThan(1000);
      expect(await studio.handlers.models.cleanUp({})).toEqual({ items: [], bytes: 0 });
      expect(await modelsFolder(setup.library)).toEqual([]);
    } finally {
      await studio.dispose();
    }
  });
});
