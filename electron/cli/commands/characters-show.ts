import type { Character } from '../../../shared/character/character-schema';
import { renderBotInfo, sessionMetaFor } from '../../../shared/character/render-profile';
import { StudioError } from '../../../shared/contract/errors';
import type { CliCommand } from '../command';

function describeCharacter(character: Character, botInfo: string): string {
  const meta = sessionMetaFor(character);
  const lines = [
    `${character.name}${character.nickname ? ` (${character.nickname})` : ''}  [${character.id}, revision ${character.revision}]`,
    `language: ${character.language}   profile: ${character.profileMode}   tags: ${character.tags.join(', ') || '-'}`,
    `user: ${meta.userName}${meta.userInfo ? ` — ${meta.userInfo}` : ''}`,
    `greeting: ${character.greeting || '-'}`,
    ...character.alternateGreetings.map((g, i) => `greeting ${i + 2}: ${g}`),
    `modified: ${character.modifiedAt}`,
    '',
    'bot_info:',
    botInfo || '(empty)',
  ];
  return lines.join('\n');
}

/** `studio characters show <id|name>`: the character and the bot_info the model will read. */
export const charactersShowCommand: CliCommand = {
  words: ['characters', 'show'],
  summary: 'Show a character (by id or exact name) and its rendered bot_info',
  usage: 'studio characters show <character> [--json]',
  async run(ctx) {
    const ref = ctx.args[0];
    if (!ref) throw new StudioError('invalid_input', 'which character? usage: studio characters show <id or name>');
    const character = await (await ctx.studio()).services.characters.resolve(ref);
    const botInfo = renderBotInfo(character);
    ctx.result({ character, botInfo, sessionMeta: sessionMetaFor(character) }, describeCharacter(character, botInfo));
  },
};
