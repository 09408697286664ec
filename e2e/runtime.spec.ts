import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTinyModel } from '../electron/services/models/demo-model';
import { writeGgufFile } from '../electron/services/models/gguf-file-writer';
import { gv } from '../shared/gguf/types';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { newExampleCharacter } from './pages/demo-studio';
import { ModelsPage } from './pages/models-page';
import { expect, test } from './fixtures/studio-server';

// Bad model files are refused by name, before llama.cpp sees them, and the studio keeps running: the status
// bar says what is wrong, and the good model still chats afterwards.

test('a truncated, non-GGUF or wrong-architecture model gives a clear error and the studio keeps chatting', async ({ page, studio }) => {
  const outside = join(studio.dataDir, 'outside');
  await mkdir(outside, { recursive: true });
  const good = join(outside, 'good.gguf');
  await writeTinyModel(good);
  const bytes = await readFile(good);
  await writeFile(join(outside, 'notes.gguf'), 'these are my notes, not a model');
  await writeFile(join(outside, 'cut.gguf'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await writeGgufFile(join(outside, 'martian.gguf'), { 'general.architecture': gv.str('martian'), 'general.name': gv.str('martian') }, [
    { info: { name: 'token_embd.weight', dims: [4, 4], type: 'F32' }, bytes: () => new Uint8Array(64) },
  ]);

  const app = new AppPage(page);
  await app.open(studio.url);
  await app.installDemoModel();
  const models = new ModelsPage(page);
  await models.open(studio.url);

  await models.importPath(join(outside, 'notes.gguf'), true);
  await expect(models.error).toContainText('notes.gguf: not a GGUF model file');
  await models.importPath(join(outside, 'cut.gguf'), true);
  await expect(models.error).toContainText(/cut\.gguf: (truncated|damaged GGUF header)/);

  // A well-formed GGUF of an architecture llama.cpp does not know: listed, but loading it is refused by name.
  await models.importPath(join(outside, 'martian.gguf'), true);
  await expect(models.finished).toContainText('martian');
  await models.row('martian').getByTestId('model-load').click();
  await expect(models.error).toContainText('martian.gguf: architecture "martian" is not supported by the bundled llama.cpp');
  // The model that was loaded stays loaded.
  await expect(app.statusModel).toHaveAttribute('data-state', 'ready');
  await expect(app.statusModel).toHaveText('Tiny CharacterGLM demo');
  await expect(app.statusBackend).toContainText('CPU');

  // The studio is still alive: a character answers.
  const characterId = await newExampleCharacter(page, studio.url);
  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await chat.settings({ maxTokens: 6 });
  await chat.send('你好');
  await expect(chat.messages()).toHaveCount(3);
  await expect(chat.message(2)).toHaveAttribute('data-status', 'done');
});
