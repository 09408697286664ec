import { useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { completeMention, mentionChoices, mentionDraft } from './mention-completion';

/** The composer's @-completion: the names on offer, taking one, and the caret it follows. */
export interface MentionCompletion {
  area: RefObject<HTMLTextAreaElement | null>;
  choices: string[];
  take: (name: string) => void;
  /** Call when the text or the caret moves. */
  follow: (area: HTMLTextAreaElement) => void;
  /** Tab takes the first name on offer; true when it did. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
}

/** @-completion over `names` (none: no completion) for a box holding `text`, written back with `setText`. */
export function useMentionCompletion(names: readonly string[], text: string, setText: (text: string) => void): MentionCompletion {
  const area = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState(0);
  const draft = names.length > 0 ? mentionDraft(text, caret) : null;
  const choices = mentionChoices(names, draft);
  const take = (name: string): void => {
    if (!draft) return;
    const done = completeMention(text, caret, draft, name);
    setText(done.text);
    setCaret(done.caret);
    // Back to the box, the caret after the name, once React has written the new text.
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(done.caret, done.caret);
    });
  };
  return {
    area,
    choices,
    take,
    follow: (box) => setCaret(box.selectionStart),
    onKeyDown: (event) => {
      if (event.key !== 'Tab' || choices.length === 0) return false;
      event.preventDefault();
      take(choices[0]!);
      return true;
    },
  };
}
