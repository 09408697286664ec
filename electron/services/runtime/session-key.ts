// Which KV cache a reply continues. The engine keeps one session per chat, per API conversation and per
// profile rewrite, and a comparison's second lane is a session of its own beside its chat's; every key is
// built here, so forgetting a chat also finds its compare lane.

/** An engine session's key (what `ReplyRequest.session` holds). */
export type SessionKey = string;

/** The session of one chat of a character. */
export function chatSession(characterId: string, chatId: string): SessionKey {
  return `${characterId}/${chatId}`;
}

/** The session of a comparison's second lane, beside `session` (its first lane). */
export function compareLane(session: SessionKey): SessionKey {
  return `${session}#compare`;
}

/** The session the profile rewriter of a character uses. */
export function augmentSession(characterId: string): SessionKey {
  return `${characterId}#augment`;
}

/** The session of an API conversation, named by a digest of its model and opening. */
export function apiSession(digest: string): SessionKey {
  return `api/${digest}`;
}
