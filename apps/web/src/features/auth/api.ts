import type { CurrentUser, Role, sessionResponse } from '@manyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, isApiError, setCsrfToken } from '../../shared/api-client';

export type Session = z.infer<typeof sessionResponse>;
export interface LoginInput {
  email: string;
  password: string;
}

/** GET /api/v1/meta. Not in the contracts yet; every field is optional so an older API still works. */
export interface AppMeta {
  demo: boolean;
  demoLogins: Array<{ role: Role; email: string; password: string }>;
}

export const authKeys = {
  all: ['auth'] as const,
  session: () => [...authKeys.all, 'session'] as const,
  meta: () => ['meta'] as const,
};

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    // Signed out is a normal state, not an error: the route guard sends the user to /login.
    if (isApiError(error, 'UNAUTHENTICATED')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in session, or null when signed out. */
export function useSession() {
  return useQuery({
    queryKey: authKeys.session(),
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: (failures, error) => !isApiError(error) && failures < 2,
  });
}

/** The signed-in user; only for components rendered behind the route guard. */
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser() used outside the signed-in area');
  return data.user;
}

// Set by a deliberate sign-out so the route guard sends the user to a plain /login, not /login?next=<this page>.
let signedOutOnPurpose = false;

/** True after the user signed out (until the next sign-in); the guard then drops the `next` parameter. */
export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Session>('/auth/login', input),
    onSuccess: (session) => {
      signedOutOnPurpose = false;
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Forget the session locally even if the call failed, so a shared screen never stays signed in.
    onSettled: () => {
      signedOutOnPurpose = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.session(), null);
    },
  });
}

const noMeta: AppMeta = { demo: false, demoLogins: [] };

/** Public facts about this deployment (demo mode and its sign-ins). Never fails: no endpoint means no demo. */
export function useAppMeta() {
  return useQuery({
    queryKey: authKeys.meta(),
    queryFn: async (): Promise<AppMeta> => {
      try {
        const meta = await api.get<Partial<AppMeta>>('/meta');
        return {
          demo: meta.demo === true,
          demoLogins: Array.isArray(meta.demoLogins) ? meta.demoLogins : [],
        };
      } catch {
        return noMeta;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
