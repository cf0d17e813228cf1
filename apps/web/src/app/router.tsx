import type { Permission } from '@manyi/contracts';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { FullPageSpin } from '../shared/ui/full-page-spin';
import { RequireAuth, RequirePermission } from './guards';
import { RouteErrorPage } from './route-error-page';

// Pages load on demand, so the sign-in screen does not pay for the signed-in app and vice versa.
const LoginPage = lazy(() =>
  import('../features/auth/pages/login-page').then((m) => ({ default: m.LoginPage })),
);
const AppLayout = lazy(() => import('./layout/app-layout').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() =>
  import('../features/home/pages/home-page').then((m) => ({ default: m.HomePage })),
);
const lazyPage = <M, K extends keyof M>(load: () => Promise<M>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] as React.ComponentType })));
const IntakePage = lazyPage(() => import('../features/intake/pages/intake-page'), 'IntakePage');
const QueuePage = lazyPage(() => import('../features/tickets/pages/queue-page'), 'QueuePage');
const TicketPage = lazyPage(() => import('../features/tickets/pages/ticket-page'), 'TicketPage');
const CustomerListPage = lazyPage(
  () => import('../features/customers/pages/customer-list-page'),
  'CustomerListPage',
);
const CustomerPage = lazyPage(() => import('../features/customers/pages/customer-page'), 'CustomerPage');
const CatalogPage = lazyPage(() => import('../features/admin/pages/catalog-page'), 'CatalogPage');
const AdminPage = lazyPage(() => import('../features/admin/pages/admin-page'), 'AdminPage');
const DashboardPage = lazyPage(() => import('../features/dashboard/pages/dashboard-page'), 'DashboardPage');
const InsightsPage = lazyPage(() => import('../features/insights/pages/insights-page'), 'InsightsPage');
const MonthlyReportPage = lazyPage(
  () => import('../features/insights/pages/monthly-report-page'),
  'MonthlyReportPage',
);
const ComplaintsPage = lazyPage(
  () => import('../features/complaints/pages/complaints-page'),
  'ComplaintsPage',
);
const AgreementsPage = lazyPage(
  () => import('../features/agreements/pages/agreements-page'),
  'AgreementsPage',
);
// Visits: the dispatch board, the technician's phone pages (/m) and the customer's appointment link (/p/visit).
const BoardPage = lazyPage(() => import('../features/visits/pages/board-page'), 'BoardPage');
const MobileTodayPage = lazyPage(
  () => import('../features/visits/pages/mobile-today-page'),
  'MobileTodayPage',
);
const MobileVisitPage = lazyPage(
  () => import('../features/visits/pages/mobile-visit-page'),
  'MobileVisitPage',
);
const PublicVisitPage = lazyPage(
  () => import('../features/visits/pages/public-visit-page'),
  'PublicVisitPage',
);
// Dispatch: service points & technicians admin, the partner's inbox.
const FieldPage = lazyPage(() => import('../features/dispatch/pages/field-page'), 'FieldPage');
const InboxPage = lazyPage(() => import('../features/dispatch/pages/inbox-page'), 'InboxPage');
// Agreements: the customer's agreement page by signed link (/p/agreement).
const PublicAgreementPage = lazyPage(
  () => import('../features/agreements/pages/public-agreement-page'),
  'PublicAgreementPage',
);
// Surveys: the follow-up worklist, the quality manager's page and the customer's survey by signed link (/p/survey).
const FollowupsPage = lazyPage(() => import('../features/followups/pages/followups-page'), 'FollowupsPage');
const SurveysPage = lazyPage(() => import('../features/surveys/pages/surveys-page'), 'SurveysPage');
const PublicSurveyPage = lazyPage(
  () => import('../features/surveys/pages/public-survey-page'),
  'PublicSurveyPage',
);
// Paid work and customer property: price list, the customer's quote by signed link (/p/quote), custody register.
const PriceListPage = lazyPage(() => import('../features/quotes/pages/price-list-page'), 'PriceListPage');
const PublicQuotePage = lazyPage(
  () => import('../features/quotes/pages/public-quote-page'),
  'PublicQuotePage',
);
const CustodyPage = lazyPage(() => import('../features/custody/pages/custody-page'), 'CustodyPage');
const CustodyReportPage = lazyPage(
  () => import('../features/custody/pages/custody-report-page'),
  'CustodyReportPage',
);
const NotFoundPage = lazy(() => import('./not-found-page').then((m) => ({ default: m.NotFoundPage })));

function page(element: ReactNode) {
  return <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
}

/** A page only some roles may open; the others see a "no access" page (the API refuses them anyway). */
function guarded(permission: Permission, element: ReactNode) {
  return <RequirePermission permission={permission}>{page(element)}</RequirePermission>;
}

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />), errorElement: <RouteErrorPage /> },
  { path: '/p/visit/:token', element: page(<PublicVisitPage />), errorElement: <RouteErrorPage /> },
  { path: '/p/agreement/:token', element: page(<PublicAgreementPage />), errorElement: <RouteErrorPage /> },
  { path: '/p/survey/:token', element: page(<PublicSurveyPage />), errorElement: <RouteErrorPage /> },
  { path: '/p/quote/:token', element: page(<PublicQuotePage />), errorElement: <RouteErrorPage /> },
  // The technician's phone pages: signed in, outside the desktop layout.
  {
    path: '/m',
    element: <RequireAuth>{guarded('field.work', <MobileTodayPage />)}</RequireAuth>,
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/m/visits/:id',
    element: <RequireAuth>{guarded('field.work', <MobileVisitPage />)}</RequireAuth>,
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    element: <RequireAuth>{page(<AppLayout />)}</RequireAuth>,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'intake', element: guarded('customers.read', <IntakePage />) },
      { path: 'tickets', element: page(<QueuePage />) },
      { path: 'tickets/:id', element: page(<TicketPage />) },
      { path: 'customers', element: guarded('customers.read', <CustomerListPage />) },
      { path: 'customers/:id', element: guarded('customers.read', <CustomerPage />) },
      { path: 'products/*', element: guarded('catalog.read', <CatalogPage />) },
      { path: 'dashboard', element: guarded('tickets.read_all', <DashboardPage />) },
      { path: 'dispatch/board', element: guarded('visits.manage', <BoardPage />) },
      { path: 'service-points', element: guarded('dispatch.manage', <FieldPage />) },
      { path: 'partner-inbox', element: guarded('dispatch.respond', <InboxPage />) },
      { path: 'insights', element: guarded('reports.read', <InsightsPage />) },
      { path: 'complaints/*', element: guarded('complaints.manage', <ComplaintsPage />) },
      { path: 'insights/report/:month', element: guarded('reports.read', <MonthlyReportPage />) },
      // Everyone signed in may read agreements, calendars and rules; the editing pages inside need settings.manage.
      { path: 'agreements/*', element: page(<AgreementsPage />) },
      { path: 'followups', element: guarded('followups.work', <FollowupsPage />) },
      { path: 'surveys', element: guarded('surveys.manage', <SurveysPage />) },
      { path: 'pricing', element: guarded('catalog.read', <PriceListPage />) },
      { path: 'custody', element: guarded('custody.manage', <CustodyPage />) },
      { path: 'custody/report', element: guarded('custody.manage', <CustodyReportPage />) },
      { path: 'admin/*', element: guarded('users.manage', <AdminPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
