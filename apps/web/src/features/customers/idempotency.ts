/**
 * One create the user is trying to make. A retry of the same body reuses the key (so a double click or a
 * lost response never creates twice); a changed body gets a fresh key (the API refuses a reused key with a
 * different body).
 */
export class IdempotentAttempt {
  private key: string | null = null;
  private body = '';

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(body: unknown): string {
    const json = JSON.stringify(body ?? null);
    if (this.key === null || json !== this.body) {
      this.key = this.newKey();
      this.body = json;
    }
    return this.key;
  }

  /** Forget the attempt after it succeeded, so the next create is a new one. */
  reset(): void {
    this.key = null;
    this.body = '';
  }
}
