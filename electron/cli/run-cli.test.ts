import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test-support/temp-dir';
import { cli } from './test-cli';

const tempDir = useTempDir();

describe('studio CLI', () => {
  it('installs the demo model and lists it as JSON with architecture chatglm', async () => {
    const library = await tempDir();
    const demo = await cli('models', 'demo', '--library', library, '--json');
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout)).toMatchObject({ id: 'tiny-chatglm-demo', architecture: 'chatglm', isDefault: true });
    const list = await cli('models', 'list', '--library', library, '--json');
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout) as { id: string; architecture: string }[];
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ id: 'tiny-chatglm-demo', architecture: 'chatglm' });
  });

  it('prints a table without --json', async () => {
    const library = await tempDir();
    expect((await cli('models', 'list', '--library', library)).stdout).toContain('No models installed');
    await cli('models', 'demo', '--library', library);
    expect((await cli('models', 'list', '--library', library)).stdout).toMatch(/\* tiny-chatglm-demo\s+chatglm\s+F32/);
  });

  it('fails with one line and a non-zero code', async () => {
    const unknown = await cli('models', 'frobnicate');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const badFlag = await cli('models', 'list', '--nope');
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.stderr).toMatch(/^studio: .*--nope/);
    const badPort = await cli('serve', '--port', 'abc', '--library', await tempDir());
    expect(badPort.stderr).toBe('studio: --port: "abc" is not a port number\n');
  });
});
