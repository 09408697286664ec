import { describe, expect, it } from 'vitest';
import { detectDatasetFormat, parseDataset } from './parse-dataset';

const NAMES = ['小明', 'Xiaoming'];

describe('messages JSONL', () => {
  it('reads OpenAI and ShareGPT lines, keeps the studio meta and ignores other system prompts', () => {
    const text = [
      JSON.stringify({ messages: [{ role: 'system', content: 'You are helpful' }, { role: 'user', content: '你好' }, { role: 'assistant', content: '你好呀' }] }),
      '',
      JSON.stringify({ conversations: [{ from: 'human', value: 'hi' }, { from: 'gpt', value: 'hello' }] }),
      JSON.stringify({
        messages: [{ role: 'system', content: '小明是学生' }, { role: 'user', content: '在吗' }, { role: 'assistant', content: [{ type: 'text', text: '在' }] }],
        characterglm: { bot_name: '小明', user_name: '老师', bot_info: '小明是学生', user_info: null, format_version: 1 },
      }),
    ].join('\n');
    const parsed = parseDataset('data.jsonl', text, NAMES);
    expect(parsed.format).toBe('messages');
    expect(parsed.issues).toEqual([]);
    expect(parsed.samples.map((s) => s.line)).toEqual([1, 3, 4]);
    expect(parsed.samples[1]!.turns).toEqual([{ speaker: 'user', text: 'hi' }, { speaker: 'character', text: 'hello' }]);
    expect(parsed.samples[2]!.meta).toEqual({ botName: '小明', userName: '老师', botInfo: '小明是学生', userInfo: '' });
    expect(parsed.samples[2]!.turns.at(-1)).toEqual({ speaker: 'character', text: '在' });
    expect(parsed.notes.join(' ')).toMatch(/1 system prompt/);
  });

  it('names each bad line and why', () => {
    const text = [
      '{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}',
      '{"messages": [oops',
      '{"messages": [{"role": "narrator", "content": "x"}]}',
      '{"messages": [{"role": "assistant", "content": "only a greeting"}]}',
      '{"text": "no messages"}',
    ].join('\n');
    const { issues, samples } = parseDataset('d.jsonl', text, NAMES);
    expect(samples).toHaveLength(1);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(issues[0]!.message).toMatch(/not valid JSON/);
    expect(issues[1]!.message).toMatch(/unknown role "narrator"/);
    expect(issues[2]!.message).toMatch(/no character reply follows a user message/);
    expect(issues[3]!.message).toMatch(/"messages"/);
  });

  it('refuses an empty file', () => {
    expect(parseDataset('d.jsonl', '\n\n', NAMES).issues).toEqual([{ line: 1, message: 'the file holds no dialogue' }]);
  });
});

describe('CharacterGLM session files', () => {
  const session = (user: string, reply: string) => ({
    session_meta: { bot_name: '小明', user_name: '小红', bot_info: '小明是学生', user_info: null },
    messages: [{ role: 'user', content: user }, { role: 'assistant', content: reply }],
  });

  it('reads a JSON array with its meta and names elements by line', () => {
    const text = JSON.stringify([session('你好', '你好呀'), { messages: [] }, session('再见', '')], null, 2);
    const parsed = parseDataset('sessions.json', text, NAMES);
    expect(parsed.format).toBe('session');
    expect(parsed.samples).toHaveLength(1);
    expect(parsed.samples[0]!.meta).toEqual({ botName: '小明', userName: '小红', botInfo: '小明是学生', userInfo: '' });
    const lines = text.split('\n');
    expect(parsed.issues).toHaveLength(2);
    expect(lines[parsed.issues[0]!.line - 1]!.trim()).toBe('{');
    expect(parsed.issues[0]!.message).toMatch(/session_meta/);
    expect(parsed.issues[1]!.line).toBeGreaterThan(parsed.issues[0]!.line);
  });

  it('reads JSONL sessions and recognises the official character file', () => {
    const jsonl = [JSON.stringify(session('a', 'b')), JSON.stringify(session('c', 'd'))].join('\n');
    expect(parseDataset('s.jsonl', jsonl, NAMES).samples).toHaveLength(2);
    const characters = JSON.stringify({ 小明: { bot_name: '小明', user_name: '用户', bot_info: '学生', user_info: null, greeting: '你好' } });
    expect(parseDataset('character.json', characters, NAMES, 'session').issues[0]!.message).toMatch(/import it in Characters/);
  });
});

describe('transcripts', () => {
  it('reads 名字：台词 and Name: line dialogues separated by blank lines', () => {
    const text = ['小红：你好', '小明：你好呀，', '很高兴认识你。', '', 'Teacher: How are you?', 'Xiaoming: Fine!'].join('\n');
    const parsed = parseDataset('talk.txt', text, NAMES);
    expect(parsed.format).toBe('transcript');
    expect(parsed.issues).toEqual([]);
    expect(parsed.samples[0]).toEqual({
      line: 1, meta: { userName: '小红' },
      turns: [{ speaker: 'user', text: '你好' }, { speaker: 'character', text: '你好呀，\n很高兴认识你。' }],
    });
    expect(parsed.samples[1]!.meta).toEqual({ userName: 'Teacher' });
    expect(parsed.samples[1]!.line).toBe(5);
  });

  it('takes a pasted CharacterGLM prompt, profiles included', () => {
    const text = ['以下是一段小明和小红之间的对话。', '关于小明的信息：小明是学生', '[小红]你好', '[小明]你好呀'].join('\n');
    const [sample] = parseDataset('p.txt', text, NAMES).samples;
    expect(sample!.meta).toEqual({ userName: '小红', botInfo: '小明是学生' });
    expect(sample!.turns).toHaveLength(2);
  });

  it('names lines it cannot place', () => {
    const text = ['just words', '', '甲：你好', '乙：嗯', '', '小红：你好', '小明：在', '小刚：我也在'].join('\n');
    const { issues } = parseDataset('t.txt', text, NAMES);
    expect(issues).toEqual([
      { line: 1, message: 'expected "Name: line" (or "名字：台词") to start a dialogue' },
      { line: 3, message: expect.stringMatching(/no line is spoken by the character \(speakers here: 甲, 乙\)/) },
      { line: 8, message: expect.stringMatching(/a third speaker "小刚"/) },
    ]);
  });
});

describe('CSV', () => {
  it('reads exchange rows, grouped by conversation, with quoted newlines', () => {
    const text = 'conversation,prompt,response\n1,你好,"你好呀\n朋友"\n1,在吗,在\n2,hi,hello\n';
    const parsed = parseDataset('d.csv', text, NAMES);
    expect(parsed.issues).toEqual([]);
    expect(parsed.samples).toHaveLength(2);
    expect(parsed.samples[0]!.turns).toHaveLength(4);
    expect(parsed.samples[0]!.turns[1]!.text).toBe('你好呀\n朋友');
    expect(parsed.samples[1]!.line).toBe(5);
  });

  it('reads role/content rows and names bad rows by line', () => {
    const text = 'role,content\nuser,你好\nassistant,你好呀\nnarrator,旁白\n';
    const parsed = parseDataset('d.csv', text, NAMES);
    expect(parsed.samples).toHaveLength(1);
    expect(parsed.issues).toEqual([{ line: 4, message: 'unknown role "narrator" (use user or assistant)' }]);
  });

  it('explains a header it cannot use', () => {
    expect(parseDataset('d.csv', 'a,b\n1,2\n', NAMES).issues[0]!.message).toMatch(/needs user and assistant columns/);
  });
});

describe('format detection', () => {
  it('picks a format from the name and the content', () => {
    expect(detectDatasetFormat('x.csv', '')).toBe('csv');
    expect(detectDatasetFormat('x.jsonl', '{"messages":[]}')).toBe('messages');
    expect(detectDatasetFormat('x.json', '[{"session_meta":{}}]')).toBe('session');
    expect(detectDatasetFormat('x.txt', '小明：你好')).toBe('transcript');
  });
});
