import { describe, expect, it } from 'vitest';
import { isPrivateAddress, refusePrivateHosts } from './address-guard';

describe('address guard', () => {
  it('classifies loopback, private, link-local and unique-local addresses as private, public ones as not', () => {
    const privateOnes = [
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0',
      '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'FE80::abcd', 'fc00::1', 'fd12:3456::1',
      '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'ff02::1',
    ];
    const publicOnes = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'];
    expect(privateOnes.filter((a) => !isPrivateAddress(a))).toEqual([]);
    expect(publicOnes.filter((a) => isPrivateAddress(a))).toEqual([]);
    expect(() => isPrivateAddress('localhost')).toThrow('not an IP address');
  });

  it('refuses URLs whose host is or resolves to a private address, naming it and the flag', async () => {
    await expect(refusePrivateHosts(new URL('http://localhost:8080/m.gguf'))).rejects.toThrow(/localhost:8080: it resolves to 127\.0\.0\.1, .*--allow-private-downloads/);
    await expect(refusePrivateHosts(new URL('http://[::1]/m.gguf'))).rejects.toThrow(/\[::1\]: it is an address/);
    await expect(refusePrivateHosts(new URL('http://169.254.169.254/latest/meta-data'))).rejects.toThrow(/169\.254\.169\.254: it is an address/);
    await expect(refusePrivateHosts(new URL('https://8.8.8.8/m.gguf'))).resolves.toBeUndefined();
  });
});
