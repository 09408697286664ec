// Caps on what the studio reads from strangers' files. Generous for real cards and packs (a 6B LoRA
// adapter at rank 8 is ~60 MB), tight enough that a crafted file cannot fill the disk or the memory.

/** Limits applied to every image, card and archive the studio reads. */
export interface PackLimits {
  /** Largest PNG file accepted (bytes). */
  maxImageBytes: number;
  /** Largest PNG width or height (pixels). */
  maxImageSide: number;
  /** Largest card JSON (bytes, after base64 decoding). */
  maxCardJsonBytes: number;
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
  maxEntries: 10_000,
  maxEntryBytes: 2 * 1024 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 200,
};
