// The tiny demo model's SentencePiece-style vocabulary: ChatGLM2's special tokens, byte fallback for
// any text, and a few hundred common Chinese characters and English words so its output reads as
// (meaningless) words instead of raw bytes.

/** llama.cpp token types (llama_token_type). */
export const TokenType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

export type TokenClass = 'special' | 'eos' | 'byte' | 'han' | 'punct' | 'ascii' | 'word' | 'space';

export interface TinyToken {
  text: string;
  score: number;
  type: number;
  cls: TokenClass;
}

const HAN =
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴终';
const PUNCT = '，。！？、：；“”（）…—《》';
const WORDS = [
  'the', 'and', 'you', 'that', 'was', 'for', 'are', 'with', 'his', 'they', 'this', 'have', 'from', 'one',
  'had', 'word', 'but', 'not', 'what', 'all', 'were', 'when', 'your', 'can', 'said', 'there', 'use', 'each',
  'which', 'she', 'how', 'their', 'will', 'other', 'about', 'out', 'many', 'then', 'them', 'these', 'some',
  'her', 'would', 'make', 'like', 'him', 'into', 'time', 'has', 'look', 'two', 'more', 'write', 'see',
  'number', 'way', 'could', 'people', 'than', 'first', 'water', 'been', 'call', 'who', 'now', 'find',
  'long', 'down', 'day', 'did', 'get', 'come', 'made', 'may', 'part', 'hello', 'story', 'friend', 'dream',
];
const ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

/** Builds the token list; ids are positions. Order matters for compatibility with stored adapters. */
export function tinyVocabulary(): TinyToken[] {
  const tokens: TinyToken[] = [
    { text: '<unk>', score: 0, type: TokenType.unknown, cls: 'special' },
    { text: '<s>', score: 0, type: TokenType.control, cls: 'special' },
    { text: '</s>', score: 0, type: TokenType.control, cls: 'eos' },
  ];
  for (let b = 0; b < 256; b++) {
    const hex = b.toString(16).toUpperCase().padStart(2, '0');
    tokens.push({ text: `<0x${hex}>`, score: 0, type: TokenType.byte, cls: 'byte' });
  }
  const seen = new Set(tokens.map((t) => t.text));
  const add = (text: string, score: number, cls: TokenClass): void => {
    if (seen.has(text)) return;
    seen.add(text);
    tokens.push({ text, score, type: TokenType.normal, cls });
  };
  add('\u2581', -3, 'space');
  for (const c of ASCII) add(c, -6, 'ascii');
  for (const c of PUNCT) add(c, -4, 'punct');
  for (const c of HAN) add(c, -5, 'han');
  // SentencePiece merges pairwise, so every prefix of a word must exist for the word to form.
  for (const w of WORDS) {
    const piece = `\u2581${w}`;
    for (let n = 2; n <= piece.length; n++) add(piece.slice(0, n), -8 + n, n === piece.length ? 'word' : 'ascii');
  }
  for (const special of ['[MASK]', '[gMASK]', '[sMASK]', 'sop', 'eop']) {
    tokens.push({ text: special, score: 0, type: TokenType.control, cls: 'special' });
    seen.add(special);
  }
  return tokens;
}
