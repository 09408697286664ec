import { seededUniform } from '../random/seeded';

// The held-out dialogues: set aside before cutting and packing, so no piece of a held-out dialogue is
// ever trained on. Tiny datasets keep everything for training (a loss on one or two dialogues says little).

/** Indices of the dialogues held out, ascending. */
export function heldOutIndices(count: number, fraction: number, seed: number): number[] {
  if (fraction <= 0 || count < 4) return [];
  const take = Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
  const random = seededUniform(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, take).sort((a, b) => a - b);
}
