// Packs tokenised pieces into training windows: first-fit by decreasing length, so few windows are
// mostly padding. Each piece keeps its own sequence in the window (the trainer's attention never crosses
// pieces), so packing changes nothing the model sees, only how many pieces one step carries.

/** The pieces (by index) in each window. */
export function packWindows(lengths: readonly number[], window: number, maxPerWindow = 64): number[][] {
  const order = lengths.map((length, index) => ({ length, index })).sort((a, b) => b.length - a.length || a.index - b.index);
  const bins: Array<{ used: number; items: number[] }> = [];
  for (const { length, index } of order) {
    if (length > window) throw new Error(`piece ${index} has ${length} tokens, more than the ${window}-token window`);
    const bin = bins.find((b) => b.used + length <= window && b.items.length < maxPerWindow);
    if (bin) {
      bin.used += length;
      bin.items.push(index);
    } else {
      bins.push({ used: length, items: [index] });
    }
  }
  return bins.map((b) => b.items.sort((x, y) => x - y));
}
