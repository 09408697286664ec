import { z } from 'zod';

// Its own module because both the packs and the characters contracts name uploads by it, and packs
// already imports from characters (a cycle would leave one of them undefined at load).

/** The id `packs.uploadBegin` answers; a file sent in pieces is named by it (packs.import, characters.import). */
export const uploadIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'not an upload id');
