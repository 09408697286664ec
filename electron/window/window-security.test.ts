import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../ipc/sender-check';
import { isAppUrl, windowOpenDecision } from './navigation-guards';
import { APP_URL, mainWindowOptions } from './window-options';

describe('window security (without loading electron)', () => {
  it('isolates the page from Node', () => {
    const { webPreferences } = mainWindowOptions('/p/preload.cjs');
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
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
