// Benchmarks train and prefill a few layers of the 6B shape and carry the figures to all 28: the line through
// two layer counts (the first layer is cheaper than the others, so two measured counts beat one and a ratio).

/** The line through a figure measured at two layer counts: its cost per further layer, and its value at any count. */
export function layerLine(a: { layers: number; value: number }, b: { layers: number; value: number }): { perLayer: number; at: (layers: number) => number } {
  if (a.layers === b.layers) throw new Error('two different layer counts are needed to extrapolate');
  const perLayer = (b.value - a.value) / (b.layers - a.layers);
  return { perLayer, at: (layers) => b.value + perLayer * (layers - b.layers) };
}
