import type { Llama, LlamaModel } from 'node-llama-cpp';

// Tokenising for training needs the base model's tokenizer, not its weights: load vocabulary-only copies
// (milliseconds, a few MB) and keep the last one, unless the runtime has that very model loaded.

/** Vocabulary-only models by path, the last one kept. */
export class VocabModels {
  private last: { path: string; model: Promise<LlamaModel> } | null = null;

  constructor(
    private readonly llama: () => Promise<Llama>,
    private readonly loaded: () => { path: string; model: LlamaModel } | null,
  ) {}

  async get(path: string): Promise<LlamaModel> {
    const current = this.loaded();
    if (current?.path === path) return current.model;
    if (this.last?.path !== path) {
      const previous = this.last;
      this.last = { path, model: this.llama().then((llama) => llama.loadModel({ modelPath: path, vocabOnly: true })) };
      this.last.model.catch(() => undefined);
      void previous?.model.then((m) => m.dispose()).catch(() => undefined);
    }
    return this.last.model;
  }

  async dispose(): Promise<void> {
    const last = this.last;
    this.last = null;
    await last?.model.then((m) => m.dispose()).catch(() => undefined);
  }
}
