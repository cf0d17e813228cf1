import type { TicketDetail } from '@manyi/contracts';
import { useState } from 'react';
import { isApiError } from '../../../../shared/api-client';
import { type TicketChange, useChangeTicket } from '../../api';
import { stillApplicable } from '../../ticket-logic';
import { useDesk } from './desk-context';

/**
 * One edit of a work order under optimistic concurrency. `begin()` remembers the version the user started from;
 * `submit()` sends the change with that version. When someone else saved first, the API answers 409 and the
 * change is kept as `conflict` (never dropped): `reapply()` loads the latest and sends the same change again.
 */
export function useVersionedEdit() {
  const { ticket, reload } = useDesk();
  const mutation = useChangeTicket(ticket.id);
  const [base, setBase] = useState<TicketDetail | null>(null);
  const [conflict, setConflict] = useState<TicketChange | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reapplying, setReapplying] = useState(false);

  const begin = (from: TicketDetail = ticket) => {
    setBase(from);
    setConflict(null);
    setError(null);
  };
  const end = () => {
    setBase(null);
    setConflict(null);
    setError(null);
  };

  /**
   * Sends `change`; `saved` when it went through. A conflict or error is also kept in state for the editor to
   * show; validation errors are returned so the editor can put them next to its fields.
   */
  const submit = async (
    change: TicketChange,
    version: number = (base ?? ticket).version,
  ): Promise<{ saved: boolean; fieldErrors: FieldError[] }> => {
    setError(null);
    try {
      await mutation.mutateAsync({ version, change });
      end();
      return { saved: true, fieldErrors: [] };
    } catch (caught) {
      if (isApiError(caught, 'VERSION_CONFLICT')) {
        setBase((old) => old ?? ticket);
        setConflict(change);
        return { saved: false, fieldErrors: [] };
      }
      setError(caught);
      return { saved: false, fieldErrors: validationDetails(caught) };
    }
  };

  /** Loads the latest work order and sends the kept change again on top of it. */
  const reapply = async (): Promise<boolean> => {
    if (!conflict) return false;
    setReapplying(true);
    try {
      const latest = await reload();
      if (!latest) return false;
      setBase(latest);
      if (!stillApplicable(conflict, latest)) return false;
      return (await submit(conflict, latest.version)).saved;
    } finally {
      setReapplying(false);
    }
  };

  return {
    editing: base !== null,
    base,
    begin,
    end,
    submit,
    reapply,
    conflict,
    error,
    pending: mutation.isPending || reapplying,
    /** Someone saved a newer version while this edit is open (seen through the live stream or a refetch). */
    changedMeanwhile: base !== null && conflict === null && ticket.version !== base.version,
  };
}

export interface FieldError {
  path: string;
  message: string;
}

/** The per-field messages of a VALIDATION_FAILED answer ([{ path, message }]), if that is what `error` is. */
export function validationDetails(error: unknown): FieldError[] {
  if (!isApiError(error, 'VALIDATION_FAILED') || !Array.isArray(error.details)) return [];
  return (error.details as unknown[]).flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

export type VersionedEdit = ReturnType<typeof useVersionedEdit>;
