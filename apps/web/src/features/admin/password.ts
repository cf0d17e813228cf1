// No look-alikes (0/O, 1/l/I) so a password read out over the phone is typed right the first time.
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of `length` characters (≥ 10, the contract's minimum), from the browser's CSPRNG. */
export function generatePassword(length = 14): string {
  const size = Math.max(10, length);
  const bytes = new Uint32Array(size);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (n) => alphabet[n % alphabet.length]).join('');
}
