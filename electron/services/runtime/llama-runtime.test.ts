import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gv } from '../../../shared/gguf/types';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyModel } from '../models/demo-model';
import { writeGgufFile } from '../models/gguf-file-writer';
import { LlamaRuntime } from './llama-runtime';
import { modelInfoFor, TEST_THREADS } from './test-runtime';
import { writeTinyLora } from './tiny-lora';

const tempDir = useTempDir();
let runtime: LlamaRuntime | null = null;
afterEach(async () => {
  await runtime?.dispose();
  runtime = null;
});

async function badFiles(dir: string): Promise<Record<string, string>> {
  const good = join(dir, 'good.gguf');
  await writeTinyModel(good);
  const bytes = await readFile(good);
  const files = {
    notGguf: join(dir, 'notes.gguf'),
    truncated: join(dir, 'cut.gguf'),
    wrongArch: join(dir, 'martian.gguf'),
    adapter: join(dir, 'adapter.gguf'),
  };
  await writeFile(files.notGguf, 'this is a text file, not a model');
  await writeFile(files.truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await writeGgufFile(files.wrongArch, { 'general.architecture': gv.str('martian'), 'general.name': gv.str('martian') }, [
    { info: { name: 'token_embd.weight', dims: [4, 4], type: 'F32' }, bytes: () => new Uint8Array(64) },
  ]);
  await writeTinyLora(files.adapter);
  return { good, ...files };
}

describe('LlamaRuntime with bad model files', () => {
  it('refuses each bad GGUF by name, reports it in the status, and keeps working', async () => {
    const files = await badFiles(await tempDir());
    runtime = new LlamaRuntime(async () => ({ gpu: 'off', threads: TEST_THREADS }));
    const expectations: [string, RegExp][] = [
      [files.notGguf!, /notes\.gguf: not a GGUF model file/],
      [files.truncated!, /cut\.gguf: (truncated|damaged GGUF header)/],
      [files.wrongArch!, /martian\.gguf: architecture "martian" is not supported/],
      [files.adapter!, /adapter\.gguf: this is a LoRA adapter, not a model/],
    ];
    for (const [path, message] of expectations) {
      const info = { ...(await modelInfoFor(files.good!)), id: path, path, name: path };
      await expect(runtime.load(info)).rejects.toThrow(message);
      expect(runtime.getStatus().state).toBe('error');
      expect(runtime.getStatus().error).toMatch(message);
    }
    const model = await runtime.load(await modelInfoFor(files.good!));
    expect(runtime.getStatus()).toMatchObject({ state: 'ready', error: null, backend: 'cpu', threads: TEST_THREADS });
    expect(model.tokenize('你好', false).length).toBeGreaterThan(0);
  });
});
