import type {
  Certification,
  CertificationWarning,
  Dispatch,
  DispatchCandidates,
  DispatchSettings,
  ServicePoint,
  servicePointBody,
  servicePointChangeBody,
  Technician,
  technicianChangeBody,
} from '@manyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';

export type ServicePointBody = z.input<typeof servicePointBody>;
export type ServicePointChangeBody = z.input<typeof servicePointChangeBody>;
export type TechnicianChangeBody = z.input<typeof technicianChangeBody>;

/** React Query keys of the dispatch feature. */
export const dispatchKeys = {
  all: ['dispatch'] as const,
  points: () => [...dispatchKeys.all, 'service-points'] as const,
  technicians: () => [...dispatchKeys.all, 'technicians'] as const,
  warnings: () => [...dispatchKeys.all, 'cert-warnings'] as const,
  settings: () => [...dispatchKeys.all, 'settings'] as const,
  candidates: (ticketId: string) => [...dispatchKeys.all, 'candidates', ticketId] as const,
  ticketDispatches: (ticketId: string) => [...dispatchKeys.all, 'ticket', ticketId] as const,
  inbox: (status: string) => [...dispatchKeys.all, 'inbox', status] as const,
};

export function useServicePoints(enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.points(),
    queryFn: ({ signal }) => api.get<{ items: ServicePoint[] }>('/service-points', { signal }),
    select: (d) => d.items,
    enabled,
  });
}

export function useSaveServicePoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string | null; body: ServicePointChangeBody; idempotencyKey: string }) =>
      v.id
        ? api.put<ServicePoint>(`/service-points/${v.id}`, v.body)
        : api.post<ServicePoint>('/service-points', v.body, { idempotencyKey: v.idempotencyKey }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.points() }),
  });
}

export function useTechnicians() {
  return useQuery({
    queryKey: dispatchKeys.technicians(),
    queryFn: ({ signal }) => api.get<{ items: Technician[] }>('/technicians', { signal }),
    select: (d) => d.items,
  });
}

export function useSaveTechnician() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: TechnicianChangeBody }) =>
      api.put<Technician>(`/technicians/${v.id}`, v.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}

export function useAddCertification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: Record<string, unknown>; idempotencyKey: string }) =>
      api.post<Certification>(`/technicians/${v.id}/certifications`, v.body, {
        idempotencyKey: v.idempotencyKey,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}

export function useRemoveCertification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; certificationId: string }) =>
      api.delete(`/technicians/${v.id}/certifications/${v.certificationId}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}

export function useAddLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: Record<string, unknown>; idempotencyKey: string }) =>
      api.post(`/technicians/${v.id}/leave`, v.body, { idempotencyKey: v.idempotencyKey }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}

export function useRemoveLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; leaveId: string }) => api.delete(`/technicians/${v.id}/leave/${v.leaveId}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}

export function useCertificationWarnings() {
  return useQuery({
    queryKey: dispatchKeys.warnings(),
    queryFn: ({ signal }) =>
      api.get<{ items: CertificationWarning[] }>('/certification-warnings', { signal }),
    select: (d) => d.items,
  });
}

export function useDispatchSettings() {
  return useQuery({
    queryKey: dispatchKeys.settings(),
    queryFn: ({ signal }) => api.get<DispatchSettings>('/dispatch/settings', { signal }),
  });
}

export function useSaveDispatchSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DispatchSettings) => api.put<DispatchSettings>('/dispatch/settings', body),
    onSuccess: (s) => qc.setQueryData(dispatchKeys.settings(), s),
  });
}

export function useCandidates(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: dispatchKeys.candidates(ticketId),
    queryFn: ({ signal }) =>
      api.get<DispatchCandidates>(`/tickets/${ticketId}/dispatch-candidates`, { signal }),
    enabled,
  });
}

export function useTicketDispatches(ticketId: string) {
  return useQuery({
    queryKey: dispatchKeys.ticketDispatches(ticketId),
    queryFn: ({ signal }) => api.get<{ items: Dispatch[] }>(`/tickets/${ticketId}/dispatches`, { signal }),
    select: (d) => d.items,
  });
}

export function useDispatchTicket(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      version: number;
      technicianId: string;
      overrideReason: string | null;
      idempotencyKey: string;
    }) =>
      api.post<Dispatch>(
        `/tickets/${ticketId}/dispatch`,
        { version: v.version, technicianId: v.technicianId, overrideReason: v.overrideReason },
        { idempotencyKey: v.idempotencyKey },
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dispatchKeys.all });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export function useInbox(status: 'offered' | 'all') {
  return useQuery({
    queryKey: dispatchKeys.inbox(status),
    queryFn: ({ signal }) => api.get<{ items: Dispatch[] }>('/dispatch/inbox', { query: { status }, signal }),
    select: (d) => d.items,
    refetchInterval: 30_000,
  });
}

export function useAnswerOffer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v: { id: string; version: number } & (
        | { accept: true; technicianId: string | null }
        | { accept: false; reason: string }
      ),
    ) =>
      v.accept
        ? api.post<Dispatch>(`/dispatches/${v.id}/accept`, {
            version: v.version,
            technicianId: v.technicianId,
          })
        : api.post<Dispatch>(`/dispatches/${v.id}/refuse`, { version: v.version, reason: v.reason }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dispatchKeys.all });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
