import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../ipc/sender-check';
import { useTempDir } from '../test-support/temp-dir';
import { appProtocolResponse } from './app-protocol';
import { isAppUrl, windowOpenDecision } from './navigation-guards';
import { allowPermission } from './permissions';
import { APP_URL, mainWindowOptions } from './window-options';

describe('window security (without loading electron)', () => {
  it('isolates the page from Node', () => {
    const { webPreferences } = mainWindowOptions('/p/preload.cjs');
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(webPreferences).not.toHaveProperty('experimentalFeatures');
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences.preload).toBe('/p/preload.cjs');
  });

  it('keeps navigation inside the app', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('studio://app/#/models')).toBe(true);
    expect(isAppUrl('https://example.com')).toBe(false);
    expect(isAppUrl('studio://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('denies window.open and sends only web links to the system browser', () => {
    expect(windowOpenDecision('https://huggingface.co')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('file:///tmp/x')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
  });

  it('accepts IPC only from the app main frame', () => {
    expect(isTrustedSender({ url: APP_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('web permissions', () => {
  it('grants only clipboard writes, and only to the app itself', () => {
    expect(allowPermission('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(allowPermission('clipboard-sanitized-write', undefined)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'hid', 'usb']) {
      expect(allowPermission(permission, APP_URL)).toBe(false);
    }
  });
});

describe('studio:// app protocol', () => {
  const tempDir = useTempDir('studio-protocol-');

  it('serves the built renderer with the strict CSP', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const response = await appProtocolResponse(dir, 'studio://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('never serves files outside the renderer folder', async () => {
    const base = await tempDir();
    const renderer = join(base, 'renderer');
    await mkdir(renderer);
    await writeFile(join(base, 'secret.txt'), 'secret');
    for (const url of ['studio://app/../secret.txt', 'studio://app/%2e%2e/secret.txt', 'studio://app/..%2fsecret.txt', 'studio://app/%00']) {
      const response = await appProtocolResponse(renderer, url);
      expect(response.status, url).toBe(404);
    }
  });
});
