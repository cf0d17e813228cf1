import type {
  InsightBreakdown,
  InsightDim,
  InsightDrillRow,
  InsightMetric,
  InsightOverview,
  MonthlyReport,
  ServiceDimension,
} from '@manyi/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { currentLanguage } from '../../app/i18n';
import { api } from '../../shared/api-client';

export interface InsightFilter {
  from: string;
  to: string;
  grain?: 'day' | 'week' | 'month';
  dim?: InsightDim;
  key?: string;
}

export interface DrillTarget {
  metric: InsightMetric;
  cause?: string;
  gapDimension?: ServiceDimension;
  /** A single bucket of the series (its own period), else the whole filter period. */
  from?: string;
  to?: string;
}

export const insightKeys = {
  all: ['insights'] as const,
  overview: (f: InsightFilter) => [...insightKeys.all, 'overview', f, currentLanguage()] as const,
  breakdown: (from: string, to: string, by: InsightDim) =>
    [...insightKeys.all, 'breakdown', from, to, by] as const,
  drill: (f: InsightFilter, d: DrillTarget) => [...insightKeys.all, 'drill', f, d] as const,
  /** Labels (causes, names) come in the caller's language: a language switch refetches. */
  report: (month: string) => [...insightKeys.all, 'report', month, currentLanguage()] as const,
};

const filterQuery = (f: InsightFilter) => ({
  from: f.from,
  to: f.to,
  grain: f.grain,
  dim: f.dim,
  key: f.key,
});

export function useInsightOverview(f: InsightFilter) {
  return useQuery({
    queryKey: insightKeys.overview(f),
    queryFn: ({ signal }) =>
      api.get<InsightOverview>('/insights/overview', { query: filterQuery(f), signal }),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useInsightBreakdown(from: string, to: string, by: InsightDim, enabled = true) {
  return useQuery({
    queryKey: insightKeys.breakdown(from, to, by),
    queryFn: ({ signal }) =>
      api.get<InsightBreakdown>('/insights/breakdown', { query: { from, to, by }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInsightDrill(f: InsightFilter, d: DrillTarget | null) {
  return useInfiniteQuery({
    queryKey: insightKeys.drill(f, d ?? { metric: 'tickets' }),
    enabled: d !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: InsightDrillRow[]; nextCursor: string | null }>('/insights/drill', {
        query: {
          ...filterQuery(f),
          grain: undefined,
          from: d?.from ?? f.from,
          to: d?.to ?? f.to,
          metric: d?.metric,
          cause: d?.cause,
          gapDimension: d?.gapDimension,
          limit: 50,
          cursor: pageParam ?? undefined,
        },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRefreshInsights() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ days: number }>('/insights/refresh'),
    onSuccess: () => qc.invalidateQueries({ queryKey: insightKeys.all }),
  });
}

export function useMonthlyReport(month: string) {
  return useQuery({
    queryKey: insightKeys.report(month),
    queryFn: ({ signal }) => api.get<MonthlyReport>(`/insights/report/${month}`, { signal }),
  });
}

/** A download link for an export (GET with the session cookie; the browser saves the file). */
export function exportUrl(
  table: 'overview' | 'breakdown' | 'drill',
  query: Record<string, string | number | undefined>,
  format: 'csv' | 'xlsx',
) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, String(v));
  p.set('format', format);
  return `/api/v1/insights/export/${table}?${p.toString()}`;
}
