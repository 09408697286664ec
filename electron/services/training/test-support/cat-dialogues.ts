// A small, learnable dialogue set for training tests: the character 小花 answers each kind of question
// with its own fixed sentence, so a trained adapter can predict held-out replies that a random model
// cannot (every character used is a single token of the tiny demo model's vocabulary).

const EXCHANGES: Array<{ asks: string[]; reply: string }> = [
  { asks: ['你是谁', '你叫什么', '请问你是谁'], reply: '我是小花，我是你的朋友。' },
  { asks: ['你喜欢什么', '你爱什么', '你最爱什么'], reply: '我喜欢花，也喜欢听音乐。' },
  { asks: ['今天天气怎么样', '今天天气好吗', '外面天气怎么样'], reply: '今天天气很好，我们去公园。' },
  { asks: ['你在做什么', '你在干什么', '你现在做什么'], reply: '我在看书，这本书很好看。' },
];

/** `count` dialogues as `messages` JSONL lines, cycling through the question kinds and wordings. */
export function catDialoguesJsonl(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = EXCHANGES[i % EXCHANGES.length]!;
    const ask = kind.asks[Math.floor(i / EXCHANGES.length) % kind.asks.length]!;
    lines.push(JSON.stringify({ messages: [{ role: 'user', content: ask }, { role: 'assistant', content: kind.reply }] }));
  }
  return `${lines.join('\n')}\n`;
}

/** The reply the character learns for the first kind of question. */
export const CAT_REPLY = EXCHANGES[0]!.reply;
export const CAT_QUESTION = EXCHANGES[0]!.asks[0]!;
