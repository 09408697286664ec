import { create } from 'zustand';

// Top-level sections, addressed by the URL hash (#/models) so reloads and bookmarks keep the place.

export const SECTIONS = ['characters', 'chat', 'training', 'models', 'packs', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

const safeDecode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** The section in a hash like `#/models/x`, defaulting to characters. */
export function sectionFromHash(hash: string): { section: Section; rest: string[] } {
  // `go` encodes each part (ids may be Chinese or contain spaces), so decode them back here.
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const section = (SECTIONS as readonly string[]).includes(first ?? '') ? (first as Section) : 'characters';
  return { section, rest };
}

interface RouteState {
  section: Section;
  rest: string[];
  go: (section: Section, ...rest: string[]) => void;
}

export const useRoute = create<RouteState>((set) => {
  window.addEventListener('hashchange', () => set(sectionFromHash(window.location.hash)));
  return {
    ...sectionFromHash(window.location.hash),
    go: (section, ...rest) => {
      window.location.hash = `#/${[section, ...rest].map(encodeURIComponent).join('/')}`;
    },
  };
});
