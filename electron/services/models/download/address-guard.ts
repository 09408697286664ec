import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { StudioError } from '../../../../shared/contract/errors';

// In remote serve mode a model download is a request the server makes on a stranger's behalf, so it
// must not reach the server's own network (its loopback services, the LAN, cloud metadata at
// 169.254.169.254). Every name is resolved first, and refused if any of its addresses is private.
// Limit: fetch resolves the name again when it connects, so a name that changes between the two
// look-ups (DNS rebinding with a zero TTL) could still slip through; closing that needs a pinned
// address in the HTTP client.

/** Checks a URL before it is fetched (each redirect hop too); throws to refuse it. */
export type UrlGuard = (url: URL) => Promise<void>;

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified: reaches the local host
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local, unique-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Refuses URLs whose host is, or resolves to, a non-public address. */
export const refusePrivateHosts: UrlGuard = async (url) => {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) {
    throw new StudioError(
      'unauthorized',
      `refusing to download from ${url.host}: ${blocked === host ? 'it is' : `it resolves to ${blocked},`} an address on the server's own network (start studio serve with --allow-private-downloads to allow it)`,
    );
  }
};
