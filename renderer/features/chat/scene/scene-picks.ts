// The New scene dialog's cast: characters in the order they were picked, the first being the host (the
// scene is stored with its chats and it speaks the opening line).

/** Picks `id` (at the end) or unpicks it (the others keep their order). */
export function togglePick(picked: readonly string[], id: string): string[] {
  return picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id];
}

/** The smallest cast of a scene. */
export const MIN_CAST = 2;
/** The largest cast of a scene (the contract's limit). */
export const MAX_CAST = 8;

/** Whether a scene can be made with these characters. */
export function canCreateScene(picked: readonly string[]): boolean {
  return picked.length >= MIN_CAST && picked.length <= MAX_CAST;
}
