import { describe, expect, it } from 'vitest';
import { ggufTensorName, hubTensorName } from '../models/chatglm2-tensor-plan';
import { ggufWeightOfPeftKey, loraTargetOf, peftKey, peftModuleName } from './peft-names';
import { LORA_TARGETS } from './training-settings';

describe('PEFT names on the converter\'s layout', () => {
  it('maps every adaptable weight to PEFT\'s key and back', () => {
    for (const weight of ['blk.0.attn_qkv.weight', 'blk.27.attn_output.weight', 'blk.3.ffn_up.weight', 'blk.3.ffn_down.weight', 'output.weight']) {
      expect(ggufTensorName(hubTensorName(weight)!)).toBe(weight);
      expect(ggufWeightOfPeftKey(peftKey(weight, 'A'))).toEqual({ weight, half: 'A' });
      expect(ggufWeightOfPeftKey(peftKey(weight, 'B'))).toEqual({ weight, half: 'B' });
    }
    expect(peftKey('blk.5.ffn_up.weight', 'B')).toBe('base_model.model.transformer.encoder.layers.5.mlp.dense_h_to_4h.lora_B.weight');
    expect(LORA_TARGETS.map(peftModuleName)).toEqual(['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h', 'output_layer']);
  });

  it('knows no LoRA on norms, embeddings, or other architectures\' modules', () => {
    expect(loraTargetOf('blk.0.attn_norm.weight')).toBeNull();
    expect(loraTargetOf('token_embd.weight')).toBeNull();
    expect(ggufWeightOfPeftKey('base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight')).toBeNull();
    expect(ggufWeightOfPeftKey('transformer.encoder.layers.0.self_attention.query_key_value.lora_A.weight')).toBeNull();
  });
});
