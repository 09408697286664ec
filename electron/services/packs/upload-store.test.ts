import { describe, expect, it } from 'vitest';
import { UploadStore } from './upload-store';

describe('UploadStore', () => {
  it('assembles pieces in order and forgets the upload once taken', async () => {
    const store = new UploadStore(1024);
    const id = await store.begin('pack.charx', 6);
    expect(await store.append(id, 0, Buffer.from('abc'))).toBe(3);
    expect(await store.append(id, 3, Buffer.from('def'))).toBe(6);
    const { fileName, bytes } = await store.take(id);
    expect(fileName).toBe('pack.charx');
    expect(Buffer.from(bytes).toString()).toBe('abcdef');
    await expect(store.take(id)).rejects.toThrow(/no upload/);
    await store.dispose();
  });

  it('refuses pieces out of order, past the announced size, an unfinished file, and a file over the cap', async () => {
    const store = new UploadStore(10);
    await expect(store.begin('big.charx', 11)).rejects.toThrow(/big\.charx: .* larger than/);
    const id = await store.begin('p.charx', 4);
    await expect(store.append(id, 2, Buffer.from('x'))).rejects.toThrow(/expected the piece at byte 0, got 2/);
    await expect(store.append(id, 0, Buffer.from('xxxxx'))).rejects.toThrow(/more bytes than the announced 4/);
    await store.append(id, 0, Buffer.from('xx'));
    await expect(store.take(id)).rejects.toThrow(/only 2 of 4 bytes arrived/);
    await store.dispose();
  });
});
