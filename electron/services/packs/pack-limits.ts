// Caps on what the studio reads from strangers' files. Generous for real cards and packs, tight enough
// that a crafted file cannot fill the disk or the memory. What real packs need:
//   - the largest file in a pack is a LoRA adapter: for the 6B model ~60 MB at rank 8, ~470 MB at
//     rank 64 and ~940 MB at rank 128 (the trainer's most), so one entry may be 1 GB — the same as
//     the largest upload;
//   - a pack holds a few adapters plus datasets, corrections and assets: 2 GB in all is four rank-64
//     adapters or two rank-128 ones (a library backup is read under the same cap);
//   - adapters barely compress (~1.1×) and JSONL datasets ~5–15×; deflate can reach ~1000×, which
//     only crafted data does. 100× leaves text room and stops bombs, per entry and for the archive.
// Archives are unpacked to disk, never into memory (zip-extract.ts), so these bound disk, not RSS.

/** Limits applied to every image, card and archive the studio reads. */
export interface PackLimits {
  /** Largest PNG file accepted (bytes). */
  maxImageBytes: number;
  /** Largest PNG width or height (pixels). */
  maxImageSide: number;
  /** Largest card JSON (bytes, after base64 decoding). */
  maxCardJsonBytes: number;
  /** Largest pack manifest (bytes): 10,000 files × ~200 bytes per entry, with room. */
  maxManifestBytes: number;
  /** Most entries in one archive. */
  maxEntries: number;
  /** Largest single entry once unpacked (bytes). */
  maxEntryBytes: number;
  /** Largest total once unpacked (bytes). */
  maxTotalBytes: number;
  /** Highest unpacked/packed ratio of one entry (zip bombs compress far beyond real data). */
  maxRatio: number;
}

/** Limits for character cards, CHARX files and studio packs. */
export const PACK_LIMITS: PackLimits = {
  maxImageBytes: 32 * 1024 * 1024,
  maxImageSide: 8192,
  maxCardJsonBytes: 16 * 1024 * 1024,
  maxManifestBytes: 8 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
};
