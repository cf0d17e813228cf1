import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../features/auth/api';
import { isApiError } from '../shared/api-client';

/** One React Query client, with the cross-cutting reactions to auth errors in one place. */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    // The session expired or was revoked mid-use: marking it gone lets the route guard redirect to /login?next=….
    if (isApiError(error, 'UNAUTHENTICATED')) queryClient.setQueryData(authKeys.session(), null);
    // A stale CSRF token (e.g. signed in again in another tab): fetch the current one for the next write.
    if (isApiError(error, 'CSRF_INVALID'))
      void queryClient.invalidateQueries({ queryKey: authKeys.session() });
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not change on retry; network blips might.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
  return queryClient;
}
