// From a sample's token pieces to the trainer's labels: the label at position i is the token the model
// must predict after it, or -1 where nothing is learnt. A trained reply learns its own tokens and then its
// end: the first token of the next line (which starts the next speaker's tag), or end-of-sequence when it
// is the last turn of its piece.

/** One run of tokens from the sample's prompt pieces. */
export interface TokenPiece {
  tokens: number[];
  /** Tokens of a trained reply. */
  trained: boolean;
}

/** The tokens and labels of one piece of a dialogue. */
export interface LabelledTokens {
  tokens: number[];
  labels: number[];
}

/** Joins the pieces, appends end-of-sequence after a final trained reply, and labels the trained tokens. */
export function labelTokens(pieces: readonly TokenPiece[], eos: number): LabelledTokens {
  const tokens: number[] = [];
  const target: boolean[] = [];
  pieces.forEach((piece, i) => {
    const endsReply = i > 0 && pieces[i - 1]!.trained && !piece.trained;
    piece.tokens.forEach((token, j) => {
      tokens.push(token);
      target.push(piece.trained || (endsReply && j === 0));
    });
  });
  if (pieces.at(-1)?.trained) {
    tokens.push(eos);
    target.push(true);
  }
  const labels = tokens.map((_, i) => (i + 1 < tokens.length && target[i + 1] ? tokens[i + 1]! : -1));
  return { tokens, labels };
}
