import type { Overview } from '@manyi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  overview: (days: number) => [...dashboardKeys.all, 'overview', days] as const,
};

/** The periods the dashboard offers. */
export const periods = [7, 30, 90] as const;
export type Period = (typeof periods)[number];

export function isPeriod(value: number): value is Period {
  return (periods as readonly number[]).includes(value);
}

/** GET /api/v1/stats/overview; refreshed every minute while the page is open. */
export function useOverview(days: Period) {
  return useQuery({
    queryKey: dashboardKeys.overview(days),
    queryFn: ({ signal }) => api.get<Overview>('/stats/overview', { query: { days }, signal }),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
