import type { SourceDtype } from './chatglm2-tensor-plan';

// A restricted reader for the `data.pkl` inside a PyTorch `.bin` (a zip of one pickle plus raw tensor
// storages). A pickle is a program: a general unpickler runs whatever callables the file names. This
// reader is an interpreter for only the opcodes and the handful of globals that a plain state dict of
// tensors uses; it never calls anything the file names, and refuses everything else by name. No npm
// package offers that (the JavaScript unpicklers either run nothing useful or mimic Python's objects).

/** A storage a tensor views: a separate zip entry `<archive>/data/<key>`. */
export interface StorageRef {
  kind: 'storage';
  key: string;
  dtype: SourceDtype | 'other';
  typeName: string;
  numel: number;
}

/** A tensor of the state dict: a strided view of a storage. */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  /** In elements. */
  offset: number;
  shape: number[];
  stride: number[];
}

interface GlobalRef { kind: 'global'; name: string }
interface DictObject { kind: 'dict'; entries: Map<unknown, unknown> }
type Callable = 'OrderedDict' | 'rebuild_tensor' | 'rebuild_parameter';

const STORAGE_TYPES: Record<string, SourceDtype | 'other'> = {
  BFloat16Storage: 'BF16', HalfStorage: 'F16', FloatStorage: 'F32', DoubleStorage: 'other', LongStorage: 'other',
  IntStorage: 'other', ShortStorage: 'other', CharStorage: 'other', ByteStorage: 'other', BoolStorage: 'other',
};
const CALLABLES: Record<string, Callable> = {
  'collections.OrderedDict': 'OrderedDict',
  'torch._utils._rebuild_tensor_v2': 'rebuild_tensor',
  'torch._utils._rebuild_parameter': 'rebuild_parameter',
};

const MARK = Symbol('mark');

class Refused extends Error {}

/** Reads a state dict of tensors from pickle bytes; throws naming the first thing that is not one. */
export function readTorchStateDict(bytes: Uint8Array): Map<string, TensorRef> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = 0;
  const need = (n: number): number => {
    if (pos + n > bytes.byteLength) throw new Refused('data.pkl ends unexpectedly (truncated file?)');
    const at = pos;
    pos += n;
    return at;
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new Refused('data.pkl ends unexpectedly (truncated file?)');
    const s = text.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const str = (n: number): string => text.decode(bytes.subarray(need(n), pos));
  const popMark = (): unknown[] => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) throw new Refused('damaged pickle (no mark)');
    return stack.splice(i).slice(1);
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw new Refused('damaged pickle (empty stack)');
    return stack.pop();
  };
  const global = (name: string): GlobalRef => {
    const storage = /^torch\.(\w+Storage)$/.exec(name);
    if (!(name in CALLABLES) && !(storage && storage[1]! in STORAGE_TYPES)) {
      throw new Refused(`data.pkl asks for "${name}", which a plain state dict of tensors never contains; refusing the file (pickled code is never run)`);
    }
    return { kind: 'global', name };
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!isDict(target)) throw new Refused('damaged pickle (items set on something that is not a dict)');
    for (let i = 0; i + 1 < items.length; i += 2) target.entries.set(items[i], items[i + 1]);
  };
  const reduce = (fn: unknown, args: unknown): unknown => {
    if (!isGlobal(fn) || !(fn.name in CALLABLES) || !Array.isArray(args)) throw new Refused(`data.pkl calls something other than a tensor rebuild (${describe(fn)})`);
    const callable = CALLABLES[fn.name]!;
    if (callable === 'OrderedDict') return { kind: 'dict', entries: new Map() } satisfies DictObject;
    if (callable === 'rebuild_parameter') {
      if (!isTensor(args[0])) throw new Refused('data.pkl rebuilds a parameter that is not a tensor');
      return args[0];
    }
    const [storage, offset, shape, stride] = args as [unknown, unknown, unknown, unknown];
    if (!isStorage(storage) || typeof offset !== 'number' || !isInts(shape) || !isInts(stride)) throw new Refused('data.pkl rebuilds a tensor from unexpected arguments');
    return { kind: 'tensor', storage, offset, shape, stride } satisfies TensorRef;
  };
  const persistent = (pid: unknown): StorageRef => {
    if (!Array.isArray(pid) || pid[0] !== 'storage' || !isGlobal(pid[1])) throw new Refused('data.pkl refers to an external object that is not a tensor storage');
    const typeName = pid[1].name.replace(/^torch\./, '');
    const dtype = STORAGE_TYPES[typeName];
    if (!dtype || typeof pid[2] !== 'string' || typeof pid[4] !== 'number') throw new Refused(`data.pkl refers to an unknown storage (${pid[1].name})`);
    return { kind: 'storage', key: pid[2], dtype, typeName, numel: pid[4] };
  };

  try {
    for (;;) {
      const op = bytes[need(1)]!;
      switch (op) {
        case 0x80: need(1); break; // PROTO
        case 0x95: need(8); break; // FRAME
        case 0x2e: { // STOP
          const result = pop();
          if (!isDict(result)) throw new Refused('data.pkl does not hold a dict of tensors');
          const out = new Map<string, TensorRef>();
          for (const [k, v] of result.entries) {
            if (typeof k !== 'string' || !isTensor(v)) throw new Refused(`data.pkl entry ${JSON.stringify(String(k))} is not a tensor`);
            out.set(k, v);
          }
          return out;
        }
        case 0x28: stack.push(MARK); break;
        case 0x29: stack.push([]); break; // EMPTY_TUPLE
        case 0x5d: stack.push([]); break; // EMPTY_LIST
        case 0x7d: stack.push({ kind: 'dict', entries: new Map() } satisfies DictObject); break; // EMPTY_DICT
        case 0x74: case 0x6c: stack.push(popMark()); break; // TUPLE, LIST
        case 0x85: stack.push([pop()]); break;
        case 0x86: { const b = pop(); stack.push([pop(), b]); break; }
        case 0x87: { const c = pop(); const b = pop(); stack.push([pop(), b, c]); break; }
        case 0x64: { const items = popMark(); const d: DictObject = { kind: 'dict', entries: new Map() }; setItems(d, items); stack.push(d); break; } // DICT
        case 0x73: { const v = pop(); const k = pop(); setItems(stack[stack.length - 1], [k, v]); break; } // SETITEM
        case 0x75: { const items = popMark(); setItems(stack[stack.length - 1], items); break; } // SETITEMS
        case 0x61: { const v = pop(); const list = stack[stack.length - 1]; if (!Array.isArray(list)) throw new Refused('damaged pickle'); list.push(v); break; } // APPEND
        case 0x65: { const items = popMark(); const list = stack[stack.length - 1]; if (!Array.isArray(list)) throw new Refused('damaged pickle'); list.push(...items); break; } // APPENDS
        case 0x4e: stack.push(null); break;
        case 0x88: stack.push(true); break;
        case 0x89: stack.push(false); break;
        case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
        case 0x4b: stack.push(bytes[need(1)]); break; // BININT1
        case 0x4d: stack.push(view.getUint16(need(2), true)); break; // BININT2
        case 0x8a: { // LONG1
          const n = bytes[need(1)]!;
          const at = need(n);
          let v = 0n;
          for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
          if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
          stack.push(Number(v));
          break;
        }
        case 0x49: { const s = line(); stack.push(s === '01' ? true : s === '00' ? false : Number(s)); break; } // INT
        case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT
        case 0x58: stack.push(str(view.getUint32(need(4), true))); break; // BINUNICODE
        case 0x8c: stack.push(str(bytes[need(1)]!)); break; // SHORT_BINUNICODE
        case 0x55: stack.push(str(bytes[need(1)]!)); break; // SHORT_BINSTRING
        case 0x54: stack.push(str(view.getUint32(need(4), true))); break; // BINSTRING
        case 0x63: { const module = line(); stack.push(global(`${module}.${line()}`)); break; } // GLOBAL
        case 0x93: { const name = pop(); const module = pop(); stack.push(global(`${String(module)}.${String(name)}`)); break; } // STACK_GLOBAL
        case 0x51: stack.push(persistent(pop())); break; // BINPERSID
        case 0x52: { const args = pop(); stack.push(reduce(pop(), args)); break; } // REDUCE
        case 0x62: { pop(); if (!isDict(stack[stack.length - 1])) throw new Refused('data.pkl sets state on something other than the state dict'); break; } // BUILD (state dict's _metadata)
        case 0x71: memo.set(bytes[need(1)]!, stack[stack.length - 1]); break; // BINPUT
        case 0x72: memo.set(view.getUint32(need(4), true), stack[stack.length - 1]); break; // LONG_BINPUT
        case 0x94: memo.set(memo.size, stack[stack.length - 1]); break; // MEMOIZE
        case 0x68: stack.push(memoGet(memo, bytes[need(1)]!)); break; // BINGET
        case 0x6a: stack.push(memoGet(memo, view.getUint32(need(4), true))); break; // LONG_BINGET
        case 0x30: pop(); break; // POP
        case 0x31: popMark(); break; // POP_MARK
        case 0x32: stack.push(stack[stack.length - 1]); break; // DUP
        default:
          throw new Refused(`data.pkl uses pickle opcode 0x${op.toString(16).padStart(2, '0')} at byte ${pos - 1}, which a plain state dict of tensors never needs; refusing the file (pickled code is never run)`);
      }
    }
  } catch (error) {
    if (error instanceof Refused) throw new Error(error.message, { cause: error });
    throw new Error(`damaged data.pkl (${(error as Error).message})`, { cause: error });
  }
}

function memoGet(memo: Map<number, unknown>, key: number): unknown {
  if (!memo.has(key)) throw new Refused('damaged pickle (unknown memo reference)');
  return memo.get(key);
}

const isGlobal = (v: unknown): v is GlobalRef => typeof v === 'object' && v !== null && (v as GlobalRef).kind === 'global';
const isDict = (v: unknown): v is DictObject => typeof v === 'object' && v !== null && (v as DictObject).kind === 'dict';
const isStorage = (v: unknown): v is StorageRef => typeof v === 'object' && v !== null && (v as StorageRef).kind === 'storage';
const isTensor = (v: unknown): v is TensorRef => typeof v === 'object' && v !== null && (v as TensorRef).kind === 'tensor';
const isInts = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => Number.isInteger(d));
const describe = (v: unknown): string => (isGlobal(v) ? v.name : typeof v);

/** True when a tensor covers its storage contiguously from `offset` (row-major, no gaps). */
export function isContiguous(t: TensorRef): boolean {
  let expected = 1;
  for (let i = t.shape.length - 1; i >= 0; i--) {
    if (t.shape[i] !== 1 && t.stride[i] !== expected) return false;
    expected *= t.shape[i]!;
  }
  return true;
}
