import { describe, expect, it } from 'vitest';
import { ApiSessions } from './api-sessions';

describe('ApiSessions', () => {
  it('gives one conversation one session and another conversation or model another', () => {
    const sessions = new ApiSessions(async () => undefined);
    const a = sessions.hold('su', 'opening-a');
    a.release();
    expect(sessions.hold('su', 'opening-a').session).toBe(a.session);
    expect(sessions.hold('su', 'opening-b').session).not.toBe(a.session);
    expect(sessions.hold('su/warm', 'opening-a').session).not.toBe(a.session);
  });

  it('keeps only the most recently used, forgetting the least recent idle one, never one in use', () => {
    const forgotten: string[] = [];
    const sessions = new ApiSessions(async (session) => void forgotten.push(session), 2);
    const first = sessions.hold('su', '1');
    const second = sessions.hold('su', '2');
    second.release();
    const third = sessions.hold('su', '3');
    // The first is still answering: the second goes although it was used later.
    expect(forgotten).toEqual([second.session]);
    const fourth = sessions.hold('su', '4');
    expect(forgotten).toEqual([second.session]);
    first.release();
    expect(forgotten).toEqual([second.session, first.session]);
    third.release();
    fourth.release();
    expect(forgotten).toHaveLength(2);
  });
});
