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
const AgreementsPage = lazyPage(
  () => import('../features/agreements/pages/agreements-page'),
  'AgreementsPage',
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
      // Everyone signed in may read agreements, calendars and rules; the editing pages inside need settings.manage.
      { path: 'agreements/*', element: page(<AgreementsPage />) },
      { path: 'admin/*', element: guarded('users.manage', <AdminPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
