import type { ErrorCode } from '@manyi/contracts';

/** A failure with a code the client can act on; the errors plugin turns it into a 4xx response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (entity: string, id?: string) => new AppError('NOT_FOUND', { entity, id });
