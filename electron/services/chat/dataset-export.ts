import { join } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import type { ChatState } from '../../../shared/chat/chat-state';
import { isReadyForTraining, type Correction } from '../../../shared/chat/correction';
import { chatDatasetLines, correctionDatasetLine, type DatasetLine } from '../../../shared/chat/dataset-lines';
import { jsonlLine } from '../../../shared/chat/jsonl';
import type { DatasetExport } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import { writeLibraryFile } from '../fs/library-files';

/**
 * Writes a training dataset (chat `messages` JSONL) into `characters/<id>/datasets/<name>.jsonl`, where
 * the fine-tuning view finds it. Corrections that change nothing are left out; chats with no reply to
 * learn from too. `root` is the library folder the file must really land in.
 */
export async function exportDataset(
  root: string, datasetsDir: string, name: string, character: Character, chats: readonly ChatState[], corrections: readonly Correction[],
  characterFacts: readonly string[] = [],
): Promise<DatasetExport> {
  const lines: DatasetLine[] = [];
  let fromChats = 0;
  for (const chat of chats) {
    // A scene teaches through the corrections made in it (each its speaker's, with the scene's prompt); as a
    // whole it is several characters' dialogue, not this character's.
    if (chat.scene) continue;
    const chatLines = chatDatasetLines(sessionMetaFor(character, chat.persona ?? undefined), chat, characterFacts, character.language);
    lines.push(...chatLines);
    if (chatLines.length > 0) fromChats++;
  }
  const meta = sessionMetaFor(character);
  const ready = corrections.filter(isReadyForTraining);
  for (const correction of ready) lines.push(correctionDatasetLine(meta, correction, character.language));
  if (lines.length === 0) {
    throw new StudioError('invalid_input', 'nothing to export: no corrections that change a reply and no chat with a reply after a user message');
  }
  const content = lines.map(jsonlLine).join('');
  const file = join(datasetsDir, `${name}.jsonl`);
  await writeLibraryFile(root, file, content);
  return { file, name, lines: lines.length, fromChats, fromCorrections: ready.length, content, preview: lines.slice(0, 3) };
}
