import type { CharacterMigration } from './migrate-character';

// Version 0: files without `schemaVersion`. Two shapes exist in the wild: the official CharacterGLM
// session fields (`bot_name`, `bot_info`, `user_name`, `user_info`, `greeting`, as in the demo's
// character.json entries), and early studio drafts that already used v1's field names. The official
// profile is prose, so it becomes the free-text profile; its fields are consumed (not kept as extras).

const OFFICIAL_KEYS = ['bot_name', 'bot_info', 'user_name', 'user_info', 'greeting'] as const;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function fromOfficial(raw: Record<string, unknown>, id: string): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => !(OFFICIAL_KEYS as readonly string[]).includes(key)));
  const botName = str(raw.bot_name).trim();
  const name = str(raw.name).trim() || botName || id;
  const profile = str(raw.bot_info);
  return {
    ...rest,
    name,
    nickname: botName !== '' && botName !== name ? botName : str(raw.nickname),
    profileMode: profile.trim() !== '' ? 'freeText' : 'structured',
    freeTextProfile: profile,
    user: { name: str(raw.user_name).trim() || '用户', info: str(raw.user_info) },
    greeting: str(raw.greeting),
  };
}

/** v0 → v1: map the official fields when present, then stamp id, times and the version. */
export const v0ToV1: CharacterMigration = {
  from: 0,
  migrate(raw, { id, now }) {
    const isOfficial = OFFICIAL_KEYS.some((key) => key in raw);
    const body = isOfficial ? fromOfficial(raw, id) : { ...raw };
    const createdAt = typeof body.createdAt === 'string' ? body.createdAt : now;
    return {
      ...body,
      schemaVersion: 1,
      id,
      name: typeof body.name === 'string' && body.name.trim() !== '' ? body.name : id,
      createdAt,
      modifiedAt: typeof body.modifiedAt === 'string' ? body.modifiedAt : createdAt,
    };
  },
};
