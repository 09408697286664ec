import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant, SceneLine } from '../../../../shared/scene/next-speaker';
import { useChat } from '../chat-store';
import { CastPortrait } from './CastPortrait';
import { whoseTurn } from './scene-cast';
import { DEFAULT_TALK_TURNS, MAX_TALK_TURNS, talkTurns } from './talk-loop';
import type { Portrait } from './use-scene-view';

/**
 * A scene's cast above its messages: a portrait per character (click: that one speaks next), who speaks
 * next and why, and "Let them talk" for a number of turns with its Stop.
 */
export function SceneBar({ participants, portraits, lines }: { participants: Participant[]; portraits: ReadonlyMap<string, Portrait>; lines: SceneLine[] }) {
  const { t } = useTranslation('chat');
  const pending = useChat((s) => s.pending);
  const talking = useChat((s) => s.talking);
  const speaking = useChat((s) => s.streaming?.speaker ?? null);
  const description = useChat((s) => s.chat?.scene?.description.trim() ?? '');
  const [turns, setTurns] = useState(String(DEFAULT_TALK_TURNS));
  const busy = pending || talking !== null;
  const turn = busy ? null : whoseTurn(participants, lines);
  const nameOf = (id: string): string => participants.find((p) => p.id === id)?.name ?? id;
  const actions = useChat.getState();
  return (
    <div className="scene-bar" data-testid="scene-bar">
      {description !== '' && <p className="muted scene-description" data-testid="scene-description">{description}</p>}
      <div className="row" role="group" aria-label={t('scene.castLabel')}>
        {participants.map((p) => {
          const state = speaking === p.id ? 'speaking' : turn?.speaker === p.id ? 'next' : 'idle';
          return (
            <button
              key={p.id} type="button" className={`cast-member ${state}`} data-testid="cast-member" data-character-id={p.id} data-state={state}
              title={t('scene.speakNext', { name: p.name })} disabled={busy} onClick={() => void actions.next(p.id)}
            >
              <CastPortrait id={p.id} name={p.name} portrait={portraits.get(p.id) ?? null} />
              {p.name}
            </button>
          );
        })}
        <span className="muted" data-testid="scene-next" data-speaker={speaking ?? turn?.speaker ?? ''}>
          {speaking ? t('scene.speaking', { name: nameOf(speaking) }) : turn ? `${t('scene.next', { name: nameOf(turn.speaker) })} · ${t(`scene.reason.${turn.reason}`)}` : ''}
        </span>
      </div>
      <div className="row">
        {talking ? (
          <>
            <span data-testid="talk-progress" data-played={talking.played}>{t('scene.talkProgress', { current: String(Math.min(talking.played + 1, talking.turns)), turns: String(talking.turns) })}</span>
            <button type="button" className="danger" data-testid="talk-stop" onClick={actions.stop}>{t('stop')}</button>
          </>
        ) : (
          <>
            <label>
              {t('scene.turns')}{' '}
              <input type="number" className="talk-turns" min={1} max={MAX_TALK_TURNS} data-testid="talk-turns" value={turns} onChange={(e) => setTurns(e.target.value)} />
            </label>
            <button type="button" data-testid="talk-start" disabled={pending} onClick={() => void actions.talk(talkTurns(turns))}>{t('scene.talk')}</button>
          </>
        )}
      </div>
    </div>
  );
}
