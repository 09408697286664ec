/**
 * GPU memory node-llama-cpp keeps out of its fitting (its `vramPadding`): its own default margin, 8% of the
 * card up to 1.6 GiB (node-llama-cpp 3.21.1 does not export it), or more where the user's limit leaves
 * more of the card to other programs.
 */
export function vramPadding(totalBytes: number, limitBytes: number | null): number {
  const margin = Math.floor(Math.min(totalBytes * 0.08, 1.6 * 2 ** 30));
  return limitBytes === null ? margin : Math.max(margin, totalBytes - limitBytes);
}
