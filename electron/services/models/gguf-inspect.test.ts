import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gv } from '../../../shared/gguf/types';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyModel } from './demo-model';
import { writeGgufFile } from './gguf-file-writer';
import { inspectGguf } from './gguf-inspect';

const tempDir = useTempDir();

describe('inspectGguf', () => {
  it('names a file that is not GGUF', async () => {
    const path = join(await tempDir(), 'notes.gguf');
    await writeFile(path, 'hello, I am text');
    await expect(inspectGguf(path)).rejects.toThrow('notes.gguf: not a GGUF model file');
  });

  it('names a truncated download', async () => {
    const dir = await tempDir();
    await writeTinyModel(join(dir, 'full.gguf'));
    const bytes = await readFile(join(dir, 'full.gguf'));
    await writeFile(join(dir, 'cut.gguf'), bytes.subarray(0, bytes.length - 1000));
    await expect(inspectGguf(join(dir, 'cut.gguf'))).rejects.toThrow('cut.gguf: truncated');
  });

  it('names a damaged header', async () => {
    const dir = await tempDir();
    await writeTinyModel(join(dir, 'full.gguf'));
    const bytes = await readFile(join(dir, 'full.gguf'));
    await writeFile(join(dir, 'head.gguf'), bytes.subarray(0, 200));
    await expect(inspectGguf(join(dir, 'head.gguf'))).rejects.toThrow(/head\.gguf: (damaged GGUF header|truncated)/);
  });

  it('reads what our GGUF writer wrote', async () => {
    const path = join(await tempDir(), 'w.gguf');
    await writeGgufFile(path, { 'general.architecture': gv.str('llama'), 'general.name': gv.str('w'), 'llama.context_length': gv.u32(64) }, [
      { info: { name: 't', dims: [4, 2], type: 'F32' }, bytes: () => new Uint8Array(32) },
    ]);
    expect(await inspectGguf(path)).toMatchObject({ name: 'w', architecture: 'llama', contextLength: 64 });
  });

  it('refuses tensor data of the wrong size and leaves no file behind', async () => {
    const dir = await tempDir();
    const path = join(dir, 'bad.gguf');
    await expect(
      writeGgufFile(path, { 'general.architecture': gv.str('llama') }, [{ info: { name: 't', dims: [4], type: 'F32' }, bytes: () => new Uint8Array(3) }]),
    ).rejects.toThrow('tensor t: got 3 bytes, expected 16');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual([]);
  });
});
