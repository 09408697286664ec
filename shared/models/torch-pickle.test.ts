import { describe, expect, it } from 'vitest';
import { encodeStateDictPickle } from '../../models/tiny-checkpoint/torch-bin-writer';
import { isContiguous, readTorchStateDict } from './torch-pickle';

const tensor = { name: 'w', storage: 'BFloat16Storage' as const, shape: [3, 4], bytes: new Uint8Array(24) };

describe('readTorchStateDict', () => {
  it('reads a plain state dict of tensors as torch.save writes it', () => {
    const dict = readTorchStateDict(encodeStateDictPickle([tensor, { ...tensor, name: 'b', storage: 'FloatStorage', shape: [5] }]));
    expect([...dict.keys()]).toEqual(['w', 'b']);
    expect(dict.get('w')).toMatchObject({ offset: 0, shape: [3, 4], stride: [4, 1], storage: { key: '0', dtype: 'BF16', numel: 12 } });
    expect(dict.get('b')!.storage).toMatchObject({ key: '1', dtype: 'F32' });
    expect(isContiguous(dict.get('w')!)).toBe(true);
  });

  it('refuses a global that is not part of a state dict, naming it', () => {
    const bytes = encodeStateDictPickle([tensor], (p) => p.global('builtins', 'eval'));
    expect(() => readTorchStateDict(bytes)).toThrow('data.pkl asks for "builtins.eval"');
  });

  it('refuses object-building opcodes', () => {
    const bytes = encodeStateDictPickle([tensor], (p) => p.op(0x81));
    expect(() => readTorchStateDict(bytes)).toThrow(/opcode 0x81 .*never needs; refusing the file/);
  });

  it('refuses a call of an allowed name with a non-tensor result at the top', () => {
    const bytes = Uint8Array.from([0x80, 0x02, 0x4b, 0x05, 0x2e]);
    expect(() => readTorchStateDict(bytes)).toThrow('data.pkl does not hold a dict of tensors');
  });

  it('names a truncated pickle', () => {
    const bytes = encodeStateDictPickle([tensor]);
    expect(() => readTorchStateDict(bytes.subarray(0, bytes.length - 20))).toThrow(/ends unexpectedly|damaged/);
  });

  it('spots a transposed view', () => {
    expect(isContiguous({ kind: 'tensor', storage: { kind: 'storage', key: '0', dtype: 'F32', typeName: 'FloatStorage', numel: 12 }, offset: 0, shape: [4, 3], stride: [1, 4] })).toBe(false);
  });
});
