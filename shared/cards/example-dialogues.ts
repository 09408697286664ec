import type { ExampleDialogue } from '../character/character-schema';

// Cards keep example dialogues as text: `<START>` blocks of `{{user}}: …` / `{{char}}: …` lines
// (older cards: `<USER>:` / `<BOT>:`, or the character's own name). The studio keeps them as
// structured turns, so it parses and writes that text here.

const START = /^\s*<start>\s*$/i;

function speakerPattern(names: readonly string[]): RegExp {
  const escaped = names.filter((n) => n.trim() !== '').map((n) => n.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const charNames = ['\\{\\{char\\}\\}', '<bot>', '<char>', ...escaped].join('|');
  return new RegExp(`^\\s*(?:(\\{\\{user\\}\\}|<user>)|(${charNames}))\\s*[:：]\\s?(.*)$`, 'i');
}

const lines = (text: string): string[] => text.replace(/\r\n?/g, '\n').split('\n');

/** Parses `mes_example` text into dialogues; `names` are the character's own name and nickname. */
export function parseExampleDialogues(text: string, names: readonly string[] = []): ExampleDialogue[] {
  const speaker = speakerPattern(names);
  const dialogues: ExampleDialogue[] = [];
  let current: ExampleDialogue = [];
  const close = () => {
    for (const turn of current) turn.text = turn.text.trimEnd();
    if (current.length > 0) dialogues.push(current);
    current = [];
  };
  for (const line of lines(text)) {
    if (START.test(line)) {
      close();
      continue;
    }
    const match = speaker.exec(line);
    if (match) {
      current.push({ speaker: match[1] ? 'user' : 'character', text: match[3] ?? '' });
      continue;
    }
    const last = current.at(-1);
    if (last) last.text += `\n${line}`;
    // Narration before the first speaker line belongs to the character's side of the example.
    else if (line.trim() !== '') current.push({ speaker: 'character', text: line });
  }
  close();
  return dialogues;
}

/** Writes dialogues back as `mes_example` text with the spec's `{{user}}` / `{{char}}` macros. */
export function formatExampleDialogues(dialogues: readonly ExampleDialogue[]): string {
  return dialogues
    .filter((d) => d.length > 0)
    .map((d) => ['<START>', ...d.map((t) => `${t.speaker === 'user' ? '{{user}}' : '{{char}}'}: ${t.text}`)].join('\n'))
    .join('\n');
}

/**
 * Many cards (SillyTavern's Seraphina among them) put `<START>` example blocks inside the description
 * and leave `mes_example` empty. Splits those blocks out: only speaker lines belong to a block, so the
 * description text after it (e.g. a `[Genre: …]` line) stays in the description.
 */
export function splitEmbeddedExamples(description: string, names: readonly string[] = []): { description: string; dialogues: ExampleDialogue[] } {
  if (!/<start>/i.test(description)) return { description, dialogues: [] };
  const speaker = speakerPattern(names);
  const kept: string[] = [];
  const dialogues: ExampleDialogue[] = [];
  let current: ExampleDialogue | null = null;
  for (const line of lines(description)) {
    if (START.test(line)) {
      if (current && current.length > 0) dialogues.push(current);
      current = [];
      continue;
    }
    const match = current ? speaker.exec(line) : null;
    if (current && match) {
      current.push({ speaker: match[1] ? 'user' : 'character', text: (match[3] ?? '').trimEnd() });
      continue;
    }
    if (current && current.length > 0) dialogues.push(current);
    current = null;
    kept.push(line);
  }
  if (current && current.length > 0) dialogues.push(current);
  return { description: kept.join('\n').trim(), dialogues };
}
