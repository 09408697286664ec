import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catDialoguesJsonl } from '../electron/services/training/test-support/cat-dialogues';
import { loraTensors, peftConfig, randomPeftLora, TINY_MODEL_LORA_SHAPES, writePeftFolder } from '../electron/services/training/test-support/peft-folder';
import { ChatPage } from './pages/chat-page';
import { blankCharacterInTraining } from './pages/training-page';
import { expect, test } from './fixtures/studio-server';

// Beyond one machine, in the real studio: the character's dialogues go out for LLaMA-Factory, a PEFT
// adapter "trained on the cluster" (written by this test, in PEFT's layout) comes home through Import
// and speaks in chat, and goes out again as PEFT. Paths are on the studio's machine, which here is this one.


test('export datasets for a GPU cluster, import the PEFT adapter trained there, chat with it, and export it as PEFT', async ({ page, studio }) => {
  const { training } = await blankCharacterInTraining(page, studio.url);
  await training.chooseFile('cat.jsonl', catDialoguesJsonl(8));
  await training.saveDataset('cat');

  const exportDir = join(studio.dataDir, 'exports', 'for-llama-factory');
  const done = await training.exportForCluster('llama-factory', exportDir);
  await expect(done).toContainText(/Wrote 7 training and 1 held-out records from 8 dialogues/);
  expect((await readdir(exportDir)).sort()).toEqual(['README.md', 'dataset_info.json', 'ds_z2_config.json', 'eval.jsonl', 'lora_sft.yaml', 'train.jsonl']);
  expect(await readFile(join(exportDir, 'lora_sft.yaml'), 'utf8')).toContain('lora_target: "query_key_value,dense,dense_h_to_4h,dense_4h_to_h"');

  // small LoRA weights: the demo model stays the demo model, only nudged
  const peft = await writePeftFolder(join(studio.dataDir, 'exports', 'adapter'), peftConfig(4, 8), loraTensors(randomPeftLora(TINY_MODEL_LORA_SHAPES, 4, 3, 0.02)));
  const adapter = await training.importPeft(peft, 'from-cluster');
  await expect(adapter.getByTestId('adapter-source')).toContainText('Imported from the PEFT folder adapter: rank 4, lora_alpha 8');
  await expect(adapter.getByTestId('adapter-base')).toContainText(/sha256 [0-9a-f]{12}/);

  const peftOut = join(studio.dataDir, 'exports', 'back-to-peft');
  await expect(await training.exportAdapterAsPeft('from-cluster', peftOut)).toContainText(`Wrote ${peftOut}.`);
  expect(existsSync(join(peftOut, 'adapter_model.safetensors'))).toBe(true);

  await adapter.getByTestId('adapter-use').click();
  const chat = new ChatPage(page);
  await chat.pane.waitFor();
  await chat.pane.getByTestId('chat-settings-toggle').click();
  await expect(chat.pane.getByTestId('adapter-select')).toHaveValue('from-cluster');
  await chat.settings({ maxTokens: 16, banEos: true });
  await chat.send('你是谁');
  await expect(chat.text(chat.last())).not.toHaveText('');
});
