import type { Speaker } from '../prompt/characterglm-format';

// Role names used by the chat-data formats people export (OpenAI, ShareGPT, CharacterGLM's own API,
// chat apps), mapped to the two CharacterGLM speakers. `system` is handled by each parser.

const USER_ROLES = new Set(['user', 'human', 'usr', 'prompter', '用户']);
const CHARACTER_ROLES = new Set(['assistant', 'gpt', 'bot', 'character', 'model', 'ai', 'char', '角色', '助手']);

/** The speaker for a role name, 'system' for system prompts, or null for a name no format uses. */
export function speakerForRole(role: string): Speaker | 'system' | null {
  const r = role.trim().toLowerCase();
  if (r === 'system') return 'system';
  if (USER_ROLES.has(r)) return 'user';
  if (CHARACTER_ROLES.has(r)) return 'character';
  return null;
}
