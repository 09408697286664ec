import { HF_ENDPOINT, hubResolveUrl } from './hub-repo';

// Turns what a user types into a download URL: a full http(s) URL, or a Hugging Face "owner/repo/file"
// reference (optionally "owner/repo/path/to/file.gguf"), resolved against the hub's resolve endpoint.

/** What to fetch and what to call the file. */
export interface DownloadTarget {
  url: string;
  fileName: string;
}

/** Resolves a URL or REPO/FILE reference; throws naming what is wrong with the text. */
export function resolveDownloadSource(input: string, endpoint = HF_ENDPOINT): DownloadTarget {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`"${text}" is not a valid URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`only http and https downloads are supported, not ${url.protocol}`);
    const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (!fileName) throw new Error(`"${text}" does not name a file`);
    return { url: url.toString(), fileName };
  }
  const parts = text.split('/').filter(Boolean);
  if (parts.length < 3 || parts.some((p) => p === '..' || p === '.')) {
    throw new Error(`"${text}" is neither a URL nor a Hugging Face reference like owner/repo/model.gguf`);
  }
  const [owner, repo, ...file] = parts;
  return { url: hubResolveUrl(endpoint, `${owner}/${repo}`, 'main', file.join('/')), fileName: file[file.length - 1]! };
}

/** A file name safe to create in the models folder (no separators, no leading dots). */
export function safeModelFileName(name: string): string {
  const cleaned = [...name].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').replace(/^\.+/, '').trim();
  if (!cleaned) throw new Error('the file has no usable name');
  return /\.gguf$/i.test(cleaned) ? cleaned : `${cleaned}.gguf`;
}
