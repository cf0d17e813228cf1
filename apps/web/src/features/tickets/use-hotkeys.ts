import { useEffect, useRef, useState } from 'react';

/** True when a key press belongs to a field the user is typing in, not to the page's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return target.getAttribute('role') === 'combobox';
}

/** An open dialog owns the keyboard; page shortcuts wait until it closes. */
function dialogOpen(): boolean {
  return document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal') !== null;
}

/**
 * Single-key page shortcuts (`/`, `j`, `k`, `enter` for Enter…), ignored while typing, with a modifier held, or under a dialog.
 * The handler returns false to let the browser keep the key.
 */
export function useHotkeys(handlers: Record<string, (event: KeyboardEvent) => boolean | undefined>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || dialogOpen()) return;
      const handler = latest.current[event.key.length === 1 ? event.key : event.key.toLowerCase()];
      if (!handler) return;
      if (handler(event) !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** "Now", refreshed every minute, so relative times ("5 分钟前") keep moving on a screen left open. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
