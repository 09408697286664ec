import { readFile } from 'node:fs/promises';
import { demoStudioWithExample, newExampleCharacter } from './pages/demo-studio';
import { ChatPage } from './pages/chat-page';
import { ScenePage } from './pages/scene-page';
import { expect, test } from './fixtures/studio-server';

// A scene with two example characters and the user, against the real services and the tiny demo model:
// they talk on their own, the user steps in and stops them, a corrected line teaches its own speaker, and
// the scene is still in both characters' chat lists after a restart.

test('a scene of two characters and the user: let them talk, step in, Esc, correct a line for its speaker, export, reopen', async ({ page, studio }) => {
  const { characterId: lin } = await demoStudioWithExample(page, studio.url, 'tea-house-owner');
  const lu = await newExampleCharacter(page, studio.url, 'old-detective');
  const names: Record<string, string> = { [lin]: '林若溪', [lu]: '老陆' };
  const chat = new ChatPage(page);
  const scene = new ScenePage(page);
  await chat.open(studio.url, lin);
  await scene.create([lu], { description: '雨夜，老陆走进听雨轩避雨。', title: '雨夜茶馆' });
  await expect(scene.cast).toHaveCount(2);
  await expect(scene.castMember(lin)).toHaveText(/林若溪/);
  // The host speaks the opening line (its greeting); the other character is next in turn.
  await expect(chat.messages()).toHaveCount(1);
  await expect(chat.message(0).getByTestId('message-speaker')).toHaveText('林若溪');
  await expect(scene.castMember(lu)).toHaveAttribute('data-state', 'next');
  await chat.settings({ maxTokens: 12 });

  // Let them talk three turns: with two characters each line is the other one's.
  await scene.talk(3);
  await expect(chat.messages()).toHaveCount(4);
  const speakers = await chat.messages().evaluateAll((items) => items.map((i) => i.getAttribute('data-speaker')));
  expect(speakers.slice(1)).toEqual([lu, lin, lu]);
  for (const [i, id] of speakers.slice(1).entries()) {
    await expect(chat.message(i + 1).getByTestId('message-speaker')).toHaveText(names[id!]!);
  }

  // Step in while they talk (@ completes a name with Tab): the line on its way ends, the talk stops, and the
  // one called with @ answers.
  await chat.settings({ maxTokens: 40, banEos: true });
  await scene.startTalking(3);
  await chat.input.fill('@老');
  await expect(chat.pane.getByTestId('mention-choice')).toHaveText(['@老陆']);
  await chat.input.press('Tab');
  await expect(chat.input).toHaveValue('@老陆 ');
  await chat.input.pressSequentially('你怎么看这场雨？');
  await chat.input.press('Enter');
  await scene.quiet();
  const afterStepIn = await chat.messages().count();
  expect(afterStepIn).toBeGreaterThanOrEqual(7);
  expect(afterStepIn).toBeLessThanOrEqual(8);
  await expect(chat.message(afterStepIn - 2)).toHaveAttribute('data-role', 'user');
  await expect(chat.text(chat.message(afterStepIn - 2))).toHaveText('@老陆 你怎么看这场雨？');
  await expect(chat.message(afterStepIn - 2).getByTestId('message-speaker')).toHaveText('客人');
  await expect(chat.last()).toHaveAttribute('data-speaker', lu);

  // Esc stops the line being written and the whole talk.
  await chat.settings({ maxTokens: 400 });
  await scene.startTalking(3);
  await page.keyboard.press('Escape');
  await scene.quiet();
  await expect(chat.messages()).toHaveCount(afterStepIn + 1);
  await expect(chat.last()).toHaveAttribute('data-status', 'stopped');

  // Regenerate redoes the last line with the same speaker; Show prompt is that speaker's scene prompt.
  const lastSpeaker = (await chat.last().getAttribute('data-speaker'))!;
  await chat.settings({ maxTokens: 12, banEos: false });
  await chat.replyTo(() => chat.last().getByTestId('message-regenerate').click());
  await expect(chat.last().getByTestId('swipe-count')).toHaveText('2 / 2');
  await expect(chat.last()).toHaveAttribute('data-speaker', lastSpeaker);
  // No summary is written for a scene: the writer's own is, and the speaker's prompt carries it.
  await chat.pane.getByTestId('memory-open').click();
  const memory = chat.pane.getByTestId('memory-panel');
  await expect(memory.getByTestId('summary-scene')).toBeVisible();
  await expect(memory.getByTestId('summary-on')).toHaveCount(0);
  await memory.getByTestId('summary-text').fill('老陆在找一盏灯。');
  await memory.getByTestId('summary-save').click();
  await expect(memory.getByTestId('summary-by')).toHaveAttribute('data-by', 'writer');
  await chat.pane.getByTestId('memory-open').click();
  await chat.pane.getByTestId('show-prompt').click();
  await expect(page.getByTestId('prompt-text')).toContainText('此前的对话：老陆在找一盏灯。');
  await expect(page.getByTestId('prompt-text')).toContainText('场景：雨夜，老陆走进听雨轩避雨。');
  await expect(page.getByTestId('prompt-text')).toContainText(`[${names[lastSpeaker]}]`);
  await page.getByTestId('prompt-close').click();

  // Correct a line of 老陆's: the correction is his, not the host's.
  const luLine = chat.message(1);
  await luLine.getByTestId('message-edit').click();
  await luLine.getByTestId('message-edit-input').fill('雨这么大，借贵宝地歇歇脚。');
  await luLine.getByTestId('message-edit-save').click();
  await expect(chat.text(luLine)).toHaveText('雨这么大，借贵宝地歇歇脚。');

  // The transcript names every speaker.
  const download = page.waitForEvent('download');
  await chat.pane.getByTestId('transcript-text').click();
  const transcript = await readFile((await (await download).path())!, 'utf8');
  expect(transcript).toContain('老陆: 雨这么大，借贵宝地歇歇脚。');
  expect(transcript).toContain('客人: @老陆 你怎么看这场雨？');

  await chat.open(studio.url, lu, 'corrections');
  await expect(page.getByTestId('correction-corrected')).toHaveText(['雨这么大，借贵宝地歇歇脚。']);
  await chat.open(studio.url, lin, 'corrections');
  await expect(page.getByTestId('correction-item')).toHaveCount(0);

  // After a restart, both characters list the scene and open it.
  await studio.restart();
  for (const id of [lin, lu]) {
    await chat.open(studio.url, id);
    const option = chat.pane.locator('[data-testid="chat-select"] option[data-scene]');
    await expect(option).toHaveCount(1);
    await expect(option).toHaveText(/^Scene · 林若溪, 老陆 — 雨夜茶馆/);
    await chat.pane.getByTestId('chat-select').selectOption((await option.getAttribute('value'))!);
    await expect(scene.cast).toHaveCount(2);
    await expect(chat.text(chat.message(1))).toHaveText('雨这么大，借贵宝地歇歇脚。');
  }
});
