// Short human durations for ETAs and run times: "45 s", "3 min 20 s", "2 h 05 min".

/** Seconds as a short duration. */
export function formatDuration(seconds: number): string {
  // a step of the tiny model takes a fraction of a second: "0 s per step" would say nothing
  if (seconds > 0 && seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A loss with three decimals, or a dash. */
export function formatLoss(loss: number | null | undefined): string {
  return loss === null || loss === undefined || !Number.isFinite(loss) ? '–' : loss.toFixed(3);
}
