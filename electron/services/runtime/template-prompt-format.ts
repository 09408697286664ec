import { resolveChatWrapper, type ChatHistoryItem, type ChatWrapper, type LlamaModel } from 'node-llama-cpp';
import { renderHeader, type DialogueTurn } from '../../../shared/prompt/characterglm-format';
import type { PromptFormat, PromptRequest, RenderedPrompt } from './prompt-format';

function history(system: string, turns: readonly DialogueTurn[], partial: string): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = [{ type: 'system', text: system }];
  for (const turn of turns) {
    if (turn.text.trim() === '') continue;
    // A template has one user: in a scene another character's line is the user's, said under its name.
    const said = turn.name === undefined ? turn.text : `${turn.name}: ${turn.text}`;
    items.push(turn.speaker === 'user' ? { type: 'user', text: said } : { type: 'model', response: [turn.text] });
  }
  items.push({ type: 'model', response: partial === '' ? [] : [partial] });
  return items;
}

/**
 * Any non-CharacterGLM GGUF: node-llama-cpp resolves the model's own chat template, and the character's
 * profile (the same header CharacterGLM would see) becomes the system message. The KV cache is still
 * reused by common prefix; stop strings come from the template.
 */
export class TemplatePromptFormat implements PromptFormat {
  readonly id: string;
  readonly stopStrings: readonly string[];
  private readonly wrapper: ChatWrapper;

  constructor(private readonly model: LlamaModel) {
    this.wrapper = resolveChatWrapper(model);
    this.id = `template-${this.wrapper.wrapperName}`;
    const triggers = this.wrapper.generateContextState({ chatHistory: history('', [], '') }).stopGenerationTriggers;
    this.stopStrings = triggers.filter((t) => t.values.every((v) => typeof v === 'string')).map((t) => t.toString()).filter((s) => s !== '');
  }

  private tokens(request: PromptRequest, turns: readonly DialogueTurn[]): { tokens: ReturnType<LlamaModel['tokenize']>; text: string } {
    const state = this.wrapper.generateContextState({ chatHistory: history(renderHeader(request.meta).join('\n'), turns, request.partial) });
    return { tokens: state.contextText.tokenize(this.model.tokenizer), text: state.contextText.toString() };
  }

  render(request: PromptRequest): RenderedPrompt {
    const keep = Math.min(request.keepFirst, request.turns.length);
    const kept = [...request.turns.slice(0, keep), ...request.turns.slice(keep + request.drop)];
    const full = this.tokens(request, kept);
    const prefixLength = this.tokens(request, []).tokens.length;
    // Templates do not split into per-turn pieces; a turn's length is measured as the growth it causes.
    const turnLengths = (): number[] => {
      const lengths: number[] = [];
      let previous = prefixLength;
      for (let i = 1; i <= request.turns.length; i++) {
        const length = this.tokens(request, request.turns.slice(0, i)).tokens.length;
        lengths.push(Math.max(0, length - previous));
        previous = length;
      }
      return lengths;
    };
    return { tokens: full.tokens, text: full.text, prefixLength, turnLengths, tailLength: 0 };
  }
}
