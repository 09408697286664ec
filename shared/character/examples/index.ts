import type { ExampleCharacter } from './example-character';
import { oldDetective } from './old-detective';
import { starshipCaptain } from './starship-captain';
import { teaHouseOwner } from './tea-house-owner';

// The examples offered by "New character → from an example", written for this studio (Chinese and
// English) so a first-time writer sees what each attribute and behaviour is for.

/** Every bundled example, in menu order. */
export const EXAMPLE_CHARACTERS: readonly ExampleCharacter[] = [teaHouseOwner, oldDetective, starshipCaptain];

/** Re-exported so callers import the examples and their type from one place. */
export type { ExampleCharacter } from './example-character';
