import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../../shared/training/parse-dataset';
import { CharacterLibrary } from '../../services/characters/character-library';
import { DatasetStore } from '../../services/training/dataset-store';
import { catDialoguesJsonl } from '../../services/training/test-support/cat-dialogues';
import { loraTensors, peftConfig, randomPeftLora, TINY_MODEL_LORA_SHAPES, writePeftFolder } from '../../services/training/test-support/peft-folder';
import { useTempDir } from '../../test-support/temp-dir';
import { cli } from '../test-cli';

// `studio adapters import|export` and `studio datasets export` on the demo model, through the real CLI.

const tempDir = useTempDir('studio-cli-cluster-');

async function library(): Promise<{ dir: string; lib: string; characterDir: string }> {
  const dir = await tempDir();
  const lib = join(dir, 'lib');
  expect((await cli('models', 'demo', '--library', lib)).code).toBe(0);
  const character = await new CharacterLibrary(join(lib, 'characters'), join(lib, 'trash')).create({ name: '小花' });
  return { dir, lib, characterDir: join(lib, 'characters', character.id) };
}

describe('studio adapters and studio datasets export', () => {
  it('imports a PEFT folder (the JSON names the adapter GGUF), exports it back as PEFT, and exports datasets for LLaMA-Factory', async () => {
    const { dir, lib, characterDir } = await library();
    const peft = await writePeftFolder(join(dir, 'from-cluster'), peftConfig(4, 8), loraTensors(randomPeftLora(TINY_MODEL_LORA_SHAPES, 4)));
    const imported = await cli('adapters', 'import', peft, '--character', '小花', '--name', 'cluster', '--library', lib, '--json');
    expect(imported.stderr).toBe('');
    const result = JSON.parse(imported.stdout) as { adapter: string; path: string; baseModel: { sha256: string } };
    expect(result).toMatchObject({ adapter: 'cluster', path: join(characterDir, 'adapters', 'cluster', 'adapter.gguf'), baseModel: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(existsSync(result.path)).toBe(true);

    const exported = await cli('adapters', 'export', '小花', 'cluster', '--format', 'peft', '--out', join(dir, 'back'), '--library', lib);
    expect(exported.stdout).toMatch(/^Wrote cluster as PEFT \(rank 4, lora_alpha 8, query_key_value, dense, dense_h_to_4h, dense_4h_to_h\)/);
    expect((await readdir(join(dir, 'back'))).sort()).toEqual(['README.md', 'adapter_config.json', 'adapter_model.safetensors']);

    await new DatasetStore(join(lib, 'characters')).save('小花', 'cat', parseDataset('cat.jsonl', catDialoguesJsonl(8), ['小花']), 'cat.jsonl');
    const data = await cli('datasets', 'export', '小花', '--format', 'llama-factory', '--out', join(dir, 'lf'), '--preset', 'thorough', '--library', lib, '--json');
    expect(data.stderr).toBe('');
    expect(JSON.parse(data.stdout)).toMatchObject({ format: 'llama-factory', dialogues: 8, records: { train: 7, eval: 1 } });
    expect(await readFile(join(dir, 'lf', 'lora_sft.yaml'), 'utf8')).toMatch(/lora_rank: 16\nlora_alpha: 32\n/);
  });

  it('refuses a DoRA folder in one line, and the character keeps no trace of it', async () => {
    const { dir, lib, characterDir } = await library();
    const peft = await writePeftFolder(join(dir, 'dora'), peftConfig(4, 8, { use_dora: true }), loraTensors(randomPeftLora(TINY_MODEL_LORA_SHAPES, 4)));
    const before = await readdir(characterDir);
    const run = await cli('adapters', 'import', peft, '--character', '小花', '--library', lib);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^studio: adapter_config\.json: "use_dora" is true: DoRA/);
    expect(await readdir(characterDir)).toEqual(before);
  });
});
