import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CharacterLibrary } from '../../services/characters/character-library';
import { catDialoguesJsonl } from '../../services/training/test-support/cat-dialogues';
import { ensureTrainer } from '../../services/training/trainer-build';
import { useTempDir } from '../../test-support/temp-dir';
import { cli } from '../test-cli';

// `studio train` end to end on the tiny demo model (the trainer is built once, minutes, then cached).

const tempDir = useTempDir('studio-train-cli-');

async function library(): Promise<string> {
  const dir = await tempDir();
  expect((await cli('models', 'demo', '--library', dir)).code).toBe(0);
  await new CharacterLibrary(join(dir, 'characters'), join(dir, 'trash')).create({ name: '小花' });
  return dir;
}

beforeAll(async () => {
  await ensureTrainer();
}, 60 * 60_000);

describe('studio train', { timeout: 5 * 60_000 }, () => {
  it('imports the file, streams JSON-line progress and ends with the adapter path and final losses', async () => {
    const dir = await library();
    const file = join(dir, 'cat.jsonl');
    await writeFile(file, catDialoguesJsonl(12));
    const run = await cli('train', '小花', '--dataset', file, '--epochs', '3', '--rank', '4', '--window', '256', '--name', 'cat', '--library', dir, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.some((l) => l.state === 'training' && typeof l.tokensPerSecond === 'number')).toBe(true);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ adapter: 'cat', steps: expect.any(Number), finalTrainLoss: expect.any(Number), baseModel: { architecture: 'chatglm' } });
    expect(existsSync(result.path as string)).toBe(true);
    expect(result.path).toBe(join(dir, 'characters', '小花', 'adapters', 'cat', 'adapter.gguf'));
  });

  it('refuses a --name that is not a portable file name before saving the dataset', async () => {
    const dir = await library();
    const file = join(dir, 'cat.jsonl');
    await writeFile(file, catDialoguesJsonl(12));
    const run = await cli('train', '小花', '--dataset', file, '--name', 'con', '--library', dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--name "con" is a reserved device name on Windows/);
    expect(existsSync(join(dir, 'characters', '小花', 'datasets'))).toBe(false);
  });

  it('refuses a file with nothing to learn, in one line, and trains nothing', async () => {
    const dir = await library();
    const file = join(dir, 'greetings.jsonl');
    await writeFile(file, '{"messages": [{"role": "assistant", "content": "你好"}]}\n');
    const run = await cli('train', '小花', '--dataset', file, '--library', dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/greetings\.jsonl has 1 problem\(s\), nothing was saved: line 1: no character reply follows a user message/);
    expect(existsSync(join(dir, 'characters', '小花', 'adapters'))).toBe(false);
  });
});
