// Shapes the character library exchanges with the UI and the CLI besides the character itself.

/** A deleted character waiting in the trash. */
export interface TrashEntry {
  /** The trash folder's name: `<id>~<deleted at, ms>`. */
  trashId: string;
  /** The id it had and gets back on restore when still free. */
  id: string;
  name: string;
  deletedAt: string;
}

/** Pushed as `characters.changed` whenever the library on disk changes. */
export interface CharactersChange {
  kind: 'created' | 'saved' | 'deleted' | 'restored' | 'purged' | 'imported';
  ids: string[];
}
