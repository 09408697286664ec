// A tokenizer-free token estimate for when no model is loaded. ChatGLM2's SentencePiece vocabulary
// spends about one token per Chinese character at worst and about one per four Latin characters;
// erring high keeps the "profile uses more than half the context" warning on the safe side. The UI
// labels the number as an estimate.

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Estimated token count of `text` (the rule is stated in ESTIMATE_RULE). */
export function estimateTokens(text: string): number {
  let wide = 0;
  let narrow = 0;
  for (const char of text) {
    if (WIDE.test(char)) wide++;
    else narrow++;
  }
  return wide + Math.ceil(narrow / 4);
}

/** How the estimate is made, for the UI to state next to the number. */
export const ESTIMATE_RULE = { wideCharsPerToken: 1, otherCharsPerToken: 4 } as const;

/** The context assumed when no model is loaded: CharacterGLM-6B's own max length. */
export const DEFAULT_CONTEXT_TOKENS = 8192;
