// What the studio knows about an installed model file, shown in the Models view and the CLI.

export type ModelSource = 'demo' | 'import' | 'download' | 'convert' | 'hub';

/** An installed GGUF model. */
export interface ModelInfo {
  id: string;
  name: string;
  path: string;
  /** True when the file lives outside the models folder and was registered in place. */
  inPlace: boolean;
  sizeBytes: number;
  architecture: string;
  quantization: string;
  contextLength: number;
  licence: string;
  source: ModelSource;
  addedAt: string;
  isDefault: boolean;
  /** Known for files the studio copied, downloaded or converted itself. */
  sha256?: string;
  /** Characters and adapters built on this model (removing it breaks them). */
  usage?: ModelUsage;
  /** Present when the file is gone or no longer readable. */
  problem?: string;
}

/** Who uses a model. */
export interface ModelUsage {
  characters: Array<{ id: string; name: string }>;
  adapters: Array<{ characterId: string; characterName: string; name: string }>;
}
