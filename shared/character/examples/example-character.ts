import type { NewCharacterFields } from '../new-character';

/** A bundled example: a stable id for the "new from example" menu, and the fields it starts with. */
export interface ExampleCharacter {
  exampleId: string;
  fields: Omit<NewCharacterFields, 'id' | 'now'>;
}
