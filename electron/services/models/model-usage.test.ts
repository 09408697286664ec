import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { scanModelUsage, usageOf } from './model-usage';

const tempDir = useTempDir();

describe('model usage', () => {
  it('finds the characters naming a model and the adapters trained on it, through the one adapter list', async () => {
    const charactersDir = join(await tempDir(), 'characters');
    const sha256 = 'b'.repeat(64);
    await mkdir(join(charactersDir, 'mira', 'adapters', 'gentle'), { recursive: true });
    await writeFile(join(charactersDir, 'mira', 'character.json'), JSON.stringify({ name: 'Mira', modelId: 'tiny' }));
    await writeFile(join(charactersDir, 'mira', 'adapters', 'gentle', 'adapter.gguf'), 'GGUF');
    await writeFile(join(charactersDir, 'mira', 'adapters', 'gentle', 'metadata.json'), JSON.stringify({
      formatVersion: 1, name: 'gentle', createdAt: '2026-01-01T00:00:00Z', characterId: 'mira', promptFormat: 'characterglm-v1',
      baseModel: { name: 'Six', sha256, architecture: 'chatglm', quantization: 'Q4_K_M' }, settings: {}, datasets: [],
    }));
    // An adapter folder without its GGUF is no adapter; a hand-dropped one without metadata names no model.
    await mkdir(join(charactersDir, 'mira', 'adapters', 'empty'), { recursive: true });
    await writeFile(join(charactersDir, 'mira', 'adapters', 'empty', 'metadata.json'), '{"baseModel": {"name": "Six", "sha256": "' + sha256 + '"}}');
    const scan = await scanModelUsage(charactersDir);
    expect(usageOf(scan, { id: 'tiny' })).toEqual({ characters: [{ id: 'mira', name: 'Mira' }], adapters: [] });
    expect(usageOf(scan, { id: 'six', sha256 })).toEqual({ characters: [], adapters: [{ characterId: 'mira', characterName: 'Mira', name: 'gentle' }] });
  });
});
