import type { Executor } from '@manyi/db';
import { refreshTenantIn } from '../modules/insights/insights.rollup';

/**
 * Builds the demo tenant's satisfaction rollups from everything seeded before it. Called last in the demo
 * seed: the seeds back-date rows (a year of responses), which the minute-by-minute refresh would not look at.
 */
export async function seedInsightsDemo(tx: Executor, tenantId: string): Promise<number> {
  return refreshTenantIn(tx, tenantId, { full: true });
}
