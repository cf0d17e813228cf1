import * as admin from '../../features/admin/locales';
import * as agreements from '../../features/agreements/locales';
import * as customers from '../../features/customers/locales';
import * as dashboard from '../../features/dashboard/locales';
import * as intake from '../../features/intake/locales';
import * as tickets from '../../features/tickets/locales';

/**
 * Each feature owns its UI text as an i18next namespace (features/<name>/locales.ts), so features can grow
 * without touching one shared file. Use it with `useTranslation('<name>')`.
 */
export const featureNamespaces = { admin, agreements, customers, dashboard, intake, tickets } as const;
export type FeatureNamespace = keyof typeof featureNamespaces;
