import * as admin from '../../features/admin/locales';
import * as agreements from '../../features/agreements/locales';
import * as complaints from '../../features/complaints/locales';
import * as custody from '../../features/custody/locales';
import * as customers from '../../features/customers/locales';
import * as dashboard from '../../features/dashboard/locales';
import * as dispatch from '../../features/dispatch/locales';
import * as followups from '../../features/followups/locales';
import * as insights from '../../features/insights/locales';
import * as intake from '../../features/intake/locales';
import * as quotes from '../../features/quotes/locales';
import * as surveys from '../../features/surveys/locales';
import * as tickets from '../../features/tickets/locales';
import * as visits from '../../features/visits/locales';

/**
 * Each feature owns its UI text as an i18next namespace (features/<name>/locales.ts), so features can grow
 * without touching one shared file. Use it with `useTranslation('<name>')`.
 */
export const featureNamespaces = {
  admin,
  agreements,
  complaints,
  custody,
  customers,
  dashboard,
  dispatch,
  followups,
  insights,
  intake,
  quotes,
  surveys,
  tickets,
  visits,
} as const;
export type FeatureNamespace = keyof typeof featureNamespaces;
