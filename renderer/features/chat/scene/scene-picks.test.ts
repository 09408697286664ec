import { describe, expect, it } from 'vitest';
import { canCreateScene, togglePick } from './scene-picks';

describe('scene picks', () => {
  it('keeps the order of picking (the first is the host) and unpicks without reordering the rest', () => {
    let picked = togglePick(['lin'], 'lu');
    picked = togglePick(picked, 'mira');
    expect(picked).toEqual(['lin', 'lu', 'mira']);
    expect(togglePick(picked, 'lin')).toEqual(['lu', 'mira']);
  });

  it('needs two to eight characters', () => {
    expect(canCreateScene(['lin'])).toBe(false);
    expect(canCreateScene(['lin', 'lu'])).toBe(true);
    expect(canCreateScene(Array.from({ length: 9 }, (_, i) => `c${i}`))).toBe(false);
  });
});
