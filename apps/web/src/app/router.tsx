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
const PlaceholderPage = lazy(() =>
  import('../features/placeholders/placeholder-page').then((m) => ({ default: m.PlaceholderPage })),
);
const NotFoundPage = lazy(() => import('./not-found-page').then((m) => ({ default: m.NotFoundPage })));

function page(element: ReactNode) {
  return <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />), errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: <RequireAuth>{page(<AppLayout />)}</RequireAuth>,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'tickets/*', element: <PlaceholderPage section="tickets" /> },
      { path: 'customers/*', element: <PlaceholderPage section="customers" /> },
      { path: 'products/*', element: <PlaceholderPage section="products" /> },
      {
        path: 'admin/*',
        element: (
          <RequirePermission permission="users.manage">
            <PlaceholderPage section="admin" />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
