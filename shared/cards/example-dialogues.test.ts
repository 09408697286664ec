import { describe, expect, it } from 'vitest';
import { formatExampleDialogues, parseExampleDialogues, splitEmbeddedExamples } from './example-dialogues';

describe('example dialogues', () => {
  it('round-trips structured dialogues through mes_example text', () => {
    const dialogues = [
      [{ speaker: 'user' as const, text: 'hi' }, { speaker: 'character' as const, text: 'hello\nthere' }],
      [{ speaker: 'character' as const, text: '你好' }],
    ];
    expect(parseExampleDialogues(formatExampleDialogues(dialogues))).toEqual(dialogues);
  });

  it('reads legacy speakers, the character name and full-width colons', () => {
    const text = '<start>\r\n<USER>: a\r\n<BOT>: b\r\n林黛玉：c';
    expect(parseExampleDialogues(text, ['林黛玉'])).toEqual([
      [{ speaker: 'user', text: 'a' }, { speaker: 'character', text: 'b' }, { speaker: 'character', text: 'c' }],
    ]);
  });

  it('keeps narration before the first speaker line', () => {
    expect(parseExampleDialogues('<START>\n*She waves.*\n{{user}}: hi')).toEqual([
      [{ speaker: 'character', text: '*She waves.*' }, { speaker: 'user', text: 'hi' }],
    ]);
  });

  it('splits example blocks out of a description and keeps the text around them', () => {
    const description = '[Traits: kind]\r\n<START>\r\n{{user}}: "Who?"\r\n{{char}}: "Me."\r\n[Genre: fantasy]';
    expect(splitEmbeddedExamples(description)).toEqual({
      description: '[Traits: kind]\n[Genre: fantasy]',
      dialogues: [[{ speaker: 'user', text: '"Who?"' }, { speaker: 'character', text: '"Me."' }]],
    });
  });

  it('leaves a description without <START> alone', () => {
    expect(splitEmbeddedExamples('just text\n{{user}}: not an example')).toEqual({ description: 'just text\n{{user}}: not an example', dialogues: [] });
  });
});
