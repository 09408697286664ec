import { Writer } from 'protobufjs/minimal.js';
import type { SentencePiece } from '../../shared/models/sentencepiece-model';

// Writes a SentencePiece `tokenizer.model` (ModelProto) so tests can build a real tokenizer file that
// both the converter and the reference SentencePiece (WebAssembly) implementation read.

/** Settings of the written model; defaults match ChatGLM2's tokenizer (BPE, byte fallback). */
export interface SentencePieceSpec {
  pieces: readonly SentencePiece[];
  modelType?: number;
  byteFallback?: boolean;
  addDummyPrefix?: boolean;
  removeExtraWhitespaces?: boolean;
}

/** Serialises the model proto (field numbers from sentencepiece_model.proto). */
export function encodeSentencePieceModel(spec: SentencePieceSpec): Uint8Array {
  const w = Writer.create();
  for (const p of spec.pieces) {
    w.uint32((1 << 3) | 2).fork();
    w.uint32((1 << 3) | 2).string(p.piece);
    w.uint32((2 << 3) | 5).float(p.score);
    w.uint32((3 << 3) | 0).int32(p.type);
    w.ldelim();
  }
  w.uint32((2 << 3) | 2).fork();
  w.uint32((3 << 3) | 0).int32(spec.modelType ?? 2);
  w.uint32((4 << 3) | 0).int32(spec.pieces.length);
  w.uint32((35 << 3) | 0).bool(spec.byteFallback ?? true);
  w.uint32((40 << 3) | 0).int32(0);
  w.uint32((41 << 3) | 0).int32(1);
  w.uint32((42 << 3) | 0).int32(2);
  w.uint32((43 << 3) | 0).int32(-1);
  w.ldelim();
  w.uint32((3 << 3) | 2).fork();
  w.uint32((1 << 3) | 2).string('identity');
  w.uint32((3 << 3) | 0).bool(spec.addDummyPrefix ?? true);
  w.uint32((4 << 3) | 0).bool(spec.removeExtraWhitespaces ?? false);
  w.uint32((5 << 3) | 0).bool(true);
  w.ldelim();
  return w.finish();
}
