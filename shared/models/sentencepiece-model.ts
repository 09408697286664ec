import { Reader } from 'protobufjs/minimal.js';

// Reads a SentencePiece `tokenizer.model` (a serialized sentencepiece.ModelProto) without the
// sentencepiece library: the pieces with their scores and types, and the few trainer and normalizer
// settings that decide how llama.cpp must tokenise. protobufjs decodes the wire format; the field
// numbers come from sentencepiece_model.proto.

/** SentencePiece piece types (ModelProto.SentencePiece.Type). */
export const PieceType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

/** One vocabulary entry; ids are positions. */
export interface SentencePiece {
  piece: string;
  score: number;
  type: number;
}

/** What a converter needs from a tokenizer.model. */
export interface SentencePieceModel {
  pieces: SentencePiece[];
  /** 1 unigram, 2 BPE, 3 word, 4 char. */
  modelType: number;
  byteFallback: boolean;
  treatWhitespaceAsSuffix: boolean;
  unkId: number;
  bosId: number;
  eosId: number;
  padId: number;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
}

function readPiece(r: Reader, end: number): SentencePiece {
  const p: SentencePiece = { piece: '', score: 0, type: PieceType.normal };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1: p.piece = r.string(); break;
      case 2: p.score = r.float(); break;
      case 3: p.type = r.int32(); break;
      default: r.skipType(tag & 7);
    }
  }
  return p;
}

function readTrainer(r: Reader, end: number, m: SentencePieceModel): void {
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 3: m.modelType = r.int32(); break;
      case 24: m.treatWhitespaceAsSuffix = r.bool(); break;
      case 35: m.byteFallback = r.bool(); break;
      case 40: m.unkId = r.int32(); break;
      case 41: m.bosId = r.int32(); break;
      case 42: m.eosId = r.int32(); break;
      case 43: m.padId = r.int32(); break;
      default: r.skipType(tag & 7);
    }
  }
}

function readNormalizer(r: Reader, end: number, m: SentencePieceModel): void {
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 3: m.addDummyPrefix = r.bool(); break;
      case 4: m.removeExtraWhitespaces = r.bool(); break;
      default: r.skipType(tag & 7);
    }
  }
}

/** Parses tokenizer.model bytes; throws a message naming what is wrong (the caller adds the file name). */
export function parseSentencePieceModel(bytes: Uint8Array): SentencePieceModel {
  // Defaults are the proto's own declared defaults.
  const model: SentencePieceModel = {
    pieces: [], modelType: 1, byteFallback: false, treatWhitespaceAsSuffix: false,
    unkId: 0, bosId: 1, eosId: 2, padId: -1, addDummyPrefix: true, removeExtraWhitespaces: true,
  };
  const r = Reader.create(bytes);
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      if ((field === 1 || field === 2 || field === 3) && (tag & 7) === 2) {
        const end = r.uint32() + r.pos;
        if (end > r.len) throw new Error('ends in the middle of a record');
        if (field === 1) model.pieces.push(readPiece(r, end));
        else if (field === 2) readTrainer(r, end, model);
        else readNormalizer(r, end, model);
        r.pos = end;
      } else {
        r.skipType(tag & 7);
      }
    }
  } catch (error) {
    throw new Error(`not a SentencePiece model (${(error as Error).message})`, { cause: error });
  }
  if (model.pieces.length === 0) throw new Error('not a SentencePiece model (it holds no pieces)');
  if (model.pieces.some((p) => p.piece === '')) throw new Error('damaged SentencePiece model (a piece is empty)');
  return model;
}
