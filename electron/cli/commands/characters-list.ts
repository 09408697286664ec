import { queryCharacters } from '../../../shared/character/character-summary';
import type { CliCommand } from '../command';
import { formatTable } from '../format';

/** `studio characters list`: the library, newest first, with search by name or tag. */
export const charactersListCommand: CliCommand = {
  words: ['characters', 'list'],
  summary: 'List characters (newest first); --search matches name, nickname and tags, --tag filters',
  usage: 'studio characters list [--search TEXT] [--tag TAG] [--sort modified|name] [--json]',
  options: { search: { type: 'string' }, tag: { type: 'string' }, sort: { type: 'string' } },
  async run(ctx) {
    const sort = ctx.values.sort === 'name' ? 'name' : 'modified';
    const all = await (await ctx.studio()).services.characters.list();
    const rows = queryCharacters(all, { search: ctx.values.search as string | undefined, tag: ctx.values.tag as string | undefined, sort });
    const text = rows.length === 0
      ? all.length === 0 ? 'No characters yet. Import one with `studio characters import <file>`.' : 'No character matches.'
      : formatTable(
          ['ID', 'NAME', 'TAGS', 'MODIFIED', 'PROBLEM'],
          rows.map((c) => [c.id, c.nickname ? `${c.name} (${c.nickname})` : c.name, c.tags.join(', '), c.modifiedAt.slice(0, 19).replace('T', ' '), c.problem ?? '']),
        );
    ctx.result(rows, text);
  },
};
