import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../services/models/demo-model';
import { writeTinyLora } from '../../services/runtime/tiny-lora';
import { useTempDir } from '../../test-support/temp-dir';
import { cli } from '../test-cli';

const tempDir = useTempDir('studio-cli-chat-');

interface ChatJson {
  chatId: string;
  reply: string;
  stopReason: string;
  tokens: { prompt: number; evaluated: number; reused: number; generated: number };
  timings: { timeToFirstTokenMs: number; decodeTokensPerSecond: number };
}

describe('studio chat', () => {
  it('answers one message with its token counts and timings, continues a chat, and takes --model and --adapter files', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    const file = join(dir, 'character.json');
    await writeFile(file, JSON.stringify({ 小白: { user_info: '', bot_info: '小白，17岁。', user_name: '用户', bot_name: '小白', greeting: '哥哥，我会死吗？' } }));
    expect((await cli('characters', 'import', file, '--library', library)).code).toBe(0);
    expect((await cli('models', 'demo', '--library', library)).code).toBe(0);

    const first = await cli('chat', '小白', '--message', '你好', '--max-tokens', '8', '--seed', '3', '--library', library, '--json');
    expect(first.stderr).toBe('');
    const one = JSON.parse(first.stdout) as ChatJson;
    expect(one.tokens.prompt).toBeGreaterThan(10);
    expect(one.tokens.evaluated).toBe(one.tokens.prompt);
    expect(one.tokens.generated).toBeGreaterThan(0);
    expect(one.tokens.generated).toBeLessThanOrEqual(8);
    expect(one.timings.timeToFirstTokenMs).toBeGreaterThan(0);

    // Same chat, next turn: the saved KV state is restored, so only the new line is read.
    const second = JSON.parse((await cli('chat', '小白', '--chat', one.chatId, '-m', '然后呢？', '--library', library, '--json')).stdout) as ChatJson & { restoredState: boolean };
    expect(second.chatId).toBe(one.chatId);
    expect(second.restoredState).toBe(true);
    expect(second.tokens.reused).toBeGreaterThan(one.tokens.prompt);
    expect(second.tokens.evaluated).toBeLessThan(20);

    const model = join(dir, 'elsewhere.gguf');
    await writeTinyModel(model);
    const lora = join(dir, 'style.gguf');
    await writeTinyLora(lora, 7, 4, 2);
    const withFiles = await cli('chat', '小白', '-m', '你好', '--model', model, '--adapter', lora, '--scale', '0.5', '--max-tokens', '4', '--library', library, '--json');
    expect(withFiles.code).toBe(0);
    expect((JSON.parse(withFiles.stdout) as { model: string }).model).toBe('tiny-chatglm-demo');

    const wrong = await cli('chat', '小白', '-m', '你好', '--adapter', model, '--library', library);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('studio: elsewhere.gguf: not a LoRA adapter (general.type is "missing")\n');
    expect((await cli('chat', '--library', library)).stderr).toMatch(/name the character/);
  });
});
