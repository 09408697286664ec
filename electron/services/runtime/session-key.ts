// Which KV cache a reply continues. The engine keeps one session per chat, per API conversation and per
// profile rewrite; a comparison's second lane and the chat's summary writer are sessions of their own
// beside the chat's. Every key is built here, so forgetting a chat also finds the sessions beside it.

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

/** The session the summary writer of a chat uses (its own prompt, so its own KV cache), beside `session`. */
export function memorySession(session: SessionKey): SessionKey {
  return `${session}#memory`;
}

/** The session the profile rewriter of a character uses. */
export function augmentSession(characterId: string): SessionKey {
  return `${characterId}#augment`;
}

/** The session of an API conversation, named by a digest of its model and opening. */
export function apiSession(digest: string): SessionKey {
  return `api/${digest}`;
}

/** The session of one character of a scene (stored with its host's chats): each speaker keeps its own KV cache. */
export function sceneSession(hostId: string, chatId: string, speakerId: string): SessionKey {
  return `${chatSession(hostId, chatId)}@${speakerId}`;
}
