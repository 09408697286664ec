// What the studio knows about an installed model file, shown in the Models view and the CLI.

export type ModelSource = 'demo' | 'import' | 'download' | 'convert';

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
  /** Present when the file is gone or no longer readable. */
  problem?: string;
}
