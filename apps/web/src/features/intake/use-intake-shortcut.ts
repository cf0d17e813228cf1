import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/** True for the keys that mean "a call is coming in": F2, or Alt+N (by key position, so it works on a Mac too). */
export function isIntakeShortcut(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>,
) {
  if (event.ctrlKey || event.metaKey) return false;
  return event.key === 'F2' || (event.altKey && event.code === 'KeyN');
}

/**
 * App-wide: F2 or Alt+N opens phone intake from any page (the intake page itself then focuses the number).
 * Meant to be called once in the signed-in layout.
 */
export function useIntakeShortcut(enabled: boolean): void {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    if (!enabled || pathname === '/intake') return;
    const onKey = (event: KeyboardEvent) => {
      if (!isIntakeShortcut(event)) return;
      event.preventDefault();
      navigate('/intake');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, pathname, navigate]);
}
