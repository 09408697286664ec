// The README written beside an exported PEFT adapter: what it is and the two common ways to use it.

/** README.md of an exported PEFT adapter folder. */
export function peftReadme(input: { adapterName: string; hubModel: string; rank: number; alpha: number; targetModules: string[] }): string {
  return `# ${input.adapterName} — a LoRA adapter exported by Character Studio

A PEFT LoRA for \`${input.hubModel}\` (rank ${input.rank}, lora_alpha ${input.alpha}, on
${input.targetModules.map((m) => `\`${m}\``).join(', ')}). It was trained on the studio's CharacterGLM prompt
format, so prompt it the same way (\`以下是一段…的对话。\`, one \`[name]message\` line per turn, ending with
the character's \`[name]\`).

With transformers and PEFT:

\`\`\`python
from transformers import AutoModel, AutoTokenizer
from peft import PeftModel
tokenizer = AutoTokenizer.from_pretrained("${input.hubModel}", trust_remote_code=True)
model = AutoModel.from_pretrained("${input.hubModel}", trust_remote_code=True).half().cuda()
model = PeftModel.from_pretrained(model, "path/to/this/folder")
\`\`\`

With vLLM (many adapters on one base model):

\`\`\`sh
vllm serve ${input.hubModel} --trust-remote-code --enable-lora --max-lora-rank ${Math.max(8, 2 ** Math.ceil(Math.log2(input.rank)))} \\
  --lora-modules ${input.adapterName.replace(/\s+/g, '-')}=path/to/this/folder
\`\`\`

Back into the studio: \`studio adapters import path/to/this/folder --character <character>\`.
`;
}
