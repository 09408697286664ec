import type { PromptCompletion } from './cluster-records';
import { peftModuleName } from './peft-names';
import type { TrainingSettings } from './training-settings';

// The files of a dataset export for a GPU cluster: the records in the trainer's own dataset format, a
// training config with the studio's settings (LoRA on the same layers, rank, alpha, epochs, learning rate,
// window) and a README saying how to run it and how to bring the adapter home.

/** The trainers the studio exports for. */
export const CLUSTER_FORMATS = ['trl', 'llama-factory'] as const;
export type ClusterFormat = (typeof CLUSTER_FORMATS)[number];

/** What goes into an export folder. */
export interface ClusterExportSpec {
  format: ClusterFormat;
  /** The hub checkpoint to train on (the converted model's origin). */
  hubModel: string;
  settings: TrainingSettings;
  characterName: string;
  records: { train: readonly PromptCompletion[]; eval: readonly PromptCompletion[] };
}

/** One file of the export. */
export interface ClusterFile {
  name: string;
  text: string;
}

type YamlScalar = string | number | boolean;
type YamlValue = YamlScalar | readonly string[] | Readonly<Record<string, YamlScalar>>;

/** `key: value` lines (one level of nesting); strings are JSON-quoted, which YAML reads as double-quoted scalars. */
function yaml(sections: ReadonlyArray<[heading: string | null, entries: Record<string, YamlValue>]>): string {
  const scalar = (v: YamlScalar): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const lines = (key: string, v: YamlValue): string[] => {
    if (Array.isArray(v)) return [`${key}: [${v.map((x) => JSON.stringify(x)).join(', ')}]`];
    if (typeof v === 'object') return [`${key}:`, ...Object.entries(v).map(([k, x]) => `  ${k}: ${scalar(x)}`)];
    return [`${key}: ${scalar(v as YamlScalar)}`];
  };
  return sections.map(([heading, entries]) => [
    ...(heading ? [`### ${heading}`] : []),
    ...Object.entries(entries).flatMap(([k, v]) => lines(k, v)),
  ].join('\n')).join('\n\n') + '\n';
}

const jsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '');
const modules = (s: TrainingSettings): string[] => s.targets.map(peftModuleName);

const BACK_HOME = (character: string): string =>
  `Bring the adapter home: copy the \`adapter\` folder (adapter_config.json and adapter_model.safetensors) to the
studio's machine and run \`studio adapters import adapter --character "${character}"\`, or use Training → Adapters →
Import a PEFT adapter. It is checked against the converted model and listed in chat like an adapter trained there.
`;

function trlFiles(spec: ClusterExportSpec): ClusterFile[] {
  const s = spec.settings;
  const hasEval = spec.records.eval.length > 0;
  const config = yaml([[null, {
    model_name_or_path: spec.hubModel, trust_remote_code: true, dataset_name: '.', dataset_train_split: 'train',
    ...(hasEval ? { dataset_test_split: 'test', eval_strategy: 'epoch' } : {}),
    use_peft: true, lora_r: s.rank, lora_alpha: s.alpha, lora_dropout: 0, lora_target_modules: modules(s),
    completion_only_loss: true, max_length: s.windowTokens, packing: false,
    num_train_epochs: s.epochs, learning_rate: s.learningRate, lr_scheduler_type: 'cosine', warmup_ratio: 0.1, weight_decay: s.weightDecay,
    per_device_train_batch_size: 1, gradient_accumulation_steps: s.gradAccum, bf16: true, seed: s.seed,
    logging_steps: 10, save_strategy: 'epoch', output_dir: 'adapter',
  }]]);
  const accelerate = yaml([[null, {
    compute_environment: 'LOCAL_MACHINE', distributed_type: 'DEEPSPEED',
    deepspeed_config: { zero_stage: 2, offload_optimizer_device: 'none', offload_param_device: 'none' },
    mixed_precision: 'bf16', num_machines: 1, num_processes: 8, machine_rank: 0, main_training_function: 'main',
    rdzv_backend: 'static', same_network: true, use_cpu: false,
  }]]);
  const readme = `# ${spec.characterName} — training data for TRL

Exported by Character Studio: ${spec.records.train.length} training records${hasEval ? ` and ${spec.records.eval.length} held-out records` : ''},
rendered exactly as the studio's chat and trainer render them (the CharacterGLM format, the profile and its
accepted variants in turn, triggered lore, the studio's ${s.windowTokens}-token windows). Each record is one
character reply: \`prompt\` is everything before it in its window, up to and including the character's tag,
and \`completion\` is the reply; TRL learns the completion only and appends the end-of-sequence token.

- \`train.jsonl\`${hasEval ? ', `test.jsonl`' : ''}: TRL's prompt–completion format.
- \`sft.yaml\`: LoRA on ${modules(s).join(', ')} of \`${spec.hubModel}\`, rank ${s.rank}, alpha ${s.alpha},
  ${s.epochs} epochs, learning rate ${s.learningRate} (the studio's settings).
- \`accelerate-zero2.yaml\`: DeepSpeed ZeRO-2 for several GPUs (set \`num_processes\` to your GPU count).

Run it from this folder:

\`\`\`sh
trl sft --config sft.yaml                                                         # one GPU
accelerate launch --config_file accelerate-zero2.yaml -m trl.scripts.sft --config sft.yaml   # several GPUs
\`\`\`

${BACK_HOME(spec.characterName)}`;
  const files = [
    { name: 'train.jsonl', text: jsonl(spec.records.train) },
    ...(hasEval ? [{ name: 'test.jsonl', text: jsonl(spec.records.eval) }] : []),
    { name: 'sft.yaml', text: config },
    { name: 'accelerate-zero2.yaml', text: accelerate },
    { name: 'README.md', text: readme },
  ];
  return files;
}

const LF_DATASET = 'studio';

function llamaFactoryFiles(spec: ClusterExportSpec): ClusterFile[] {
  const s = spec.settings;
  const hasEval = spec.records.eval.length > 0;
  const alpaca = (rows: readonly PromptCompletion[]) => jsonl(rows.map((r) => ({ instruction: r.prompt, input: '', output: r.completion })));
  const entry = (file: string) => ({ file_name: file, formatting: 'alpaca', columns: { prompt: 'instruction', query: 'input', response: 'output' } });
  const info = { [`${LF_DATASET}_train`]: entry('train.jsonl'), ...(hasEval ? { [`${LF_DATASET}_eval`]: entry('eval.jsonl') } : {}) };
  const config = yaml([
    ['model', { model_name_or_path: spec.hubModel, trust_remote_code: true }],
    ['method', {
      stage: 'sft', do_train: true, finetuning_type: 'lora', lora_rank: s.rank, lora_alpha: s.alpha, lora_dropout: 0,
      lora_target: modules(s).join(','), deepspeed: 'ds_z2_config.json',
    }],
    // codegeex2: the ChatGLM2 family's [gMASK] sop prefix, then the prompt and the reply as plain text, and EOS
    ['dataset', { dataset_dir: '.', dataset: `${LF_DATASET}_train`, ...(hasEval ? { eval_dataset: `${LF_DATASET}_eval` } : {}), template: 'codegeex2', cutoff_len: s.windowTokens, overwrite_cache: true }],
    ['output', { output_dir: 'adapter', logging_steps: 10, save_strategy: 'epoch', plot_loss: true }],
    ['train', {
      per_device_train_batch_size: 1, gradient_accumulation_steps: s.gradAccum, learning_rate: s.learningRate, num_train_epochs: s.epochs,
      lr_scheduler_type: 'cosine', warmup_ratio: 0.1, weight_decay: s.weightDecay, bf16: true, seed: s.seed,
      ...(hasEval ? { per_device_eval_batch_size: 1, eval_strategy: 'epoch' } : {}),
    }],
  ]);
  const deepspeed = {
    train_batch_size: 'auto', train_micro_batch_size_per_gpu: 'auto', gradient_accumulation_steps: 'auto', gradient_clipping: 'auto',
    zero_allow_untested_optimizer: true, bf16: { enabled: 'auto' }, fp16: { enabled: 'auto' },
    zero_optimization: { stage: 2, allgather_partitions: true, allgather_bucket_size: 5e8, overlap_comm: false, reduce_scatter: true, reduce_bucket_size: 5e8, contiguous_gradients: true },
  };
  const readme = `# ${spec.characterName} — training data for LLaMA-Factory

Exported by Character Studio: ${spec.records.train.length} training records${hasEval ? ` and ${spec.records.eval.length} held-out records` : ''},
rendered exactly as the studio's chat and trainer render them (the CharacterGLM format, the profile and its
accepted variants in turn, triggered lore, the studio's ${s.windowTokens}-token windows). Each record is one
character reply: \`instruction\` is everything before it in its window, up to and including the character's
tag, and \`output\` is the reply, which is what is learnt.

- \`train.jsonl\`${hasEval ? ', `eval.jsonl`' : ''} and \`dataset_info.json\`: LLaMA-Factory's alpaca format.
- \`lora_sft.yaml\`: LoRA on ${modules(s).join(', ')} of \`${spec.hubModel}\`, rank ${s.rank}, alpha ${s.alpha},
  ${s.epochs} epochs, learning rate ${s.learningRate} (the studio's settings), DeepSpeed ZeRO-2
  (\`ds_z2_config.json\`). Template \`codegeex2\` puts ChatGLM2's \`[gMASK] sop\` before the text and EOS after the reply.

Run it from this folder (every visible GPU; \`CUDA_VISIBLE_DEVICES\` picks them):

\`\`\`sh
FORCE_TORCHRUN=1 llamafactory-cli train lora_sft.yaml
\`\`\`

LLaMA-Factory tokenises the prompt and the reply separately, and CharacterGLM's tokenizer starts each
piece with its word-start marker \`▁\`: the reply's first token can differ from the studio's (which reads
the reply as the continuation of its line). TRL (\`--format trl\`) reads prompt and reply as one text.

${BACK_HOME(spec.characterName)}`;
  return [
    { name: 'train.jsonl', text: alpaca(spec.records.train) },
    ...(hasEval ? [{ name: 'eval.jsonl', text: alpaca(spec.records.eval) }] : []),
    { name: 'dataset_info.json', text: `${JSON.stringify(info, null, 2)}\n` },
    { name: 'lora_sft.yaml', text: config },
    { name: 'ds_z2_config.json', text: `${JSON.stringify(deepspeed, null, 2)}\n` },
    { name: 'README.md', text: readme },
  ];
}

/** The files of an export folder for `spec.format`. */
export function clusterFiles(spec: ClusterExportSpec): ClusterFile[] {
  return spec.format === 'trl' ? trlFiles(spec) : llamaFactoryFiles(spec);
}

/** What an export wrote, for the CLI and the form to report. */
export interface ClusterExportResult {
  path: string;
  format: ClusterFormat;
  files: string[];
  dialogues: number;
  records: { train: number; eval: number };
}
