import type { Permission } from '@manyi/contracts';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useCurrentUser, useSession, wasSignedOutOnPurpose } from '../features/auth/api';
import { errorText } from '../shared/api-errors';
import { FullPageSpin } from '../shared/ui/full-page-spin';

/** Renders the signed-in area, or sends the visitor to /login with the page they wanted in `next`. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <FullPageSpin />;
  if (session.isError && session.data === undefined) {
    return (
      <Result
        status="warning"
        title={t('errors.genericTitle')}
        subTitle={errorText(session.error, t)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {t('errors.retry')}
          </Button>
        }
      />
    );
  }
  if (!session.data) {
    const wanted = location.pathname + location.search + location.hash;
    const search = wanted === '/' || wasSignedOutOnPurpose() ? '' : `?next=${encodeURIComponent(wanted)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return children;
}

/** Hides a page the role would be refused anyway; the API enforces the same permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (user.permissions.includes(permission)) return children;
  return (
    <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenDescription')} />
  );
}
