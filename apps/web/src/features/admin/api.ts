import type {
  apiToken,
  apiTokenCreateBody,
  apiTokenCreated,
  ProductCategory,
  ProductModel,
  productModelBody,
  productModelChangeBody,
  productModelPage,
  Team,
  teamCreateBody,
  teamRenameBody,
  tenantSettings,
  tenantSettingsChangeBody,
  User,
  userChangeBody,
  userCreateBody,
  WarrantyPolicy,
  warrantyPolicyBody,
  warrantyPolicyChangeBody,
} from '@manyi/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';
import { authKeys } from '../auth/api';

export type TenantSettings = z.infer<typeof tenantSettings>;
export type ApiToken = z.infer<typeof apiToken>;
export type ApiTokenCreated = z.infer<typeof apiTokenCreated>;
export type UserCreateBody = z.output<typeof userCreateBody>;
export type UserChangeBody = z.output<typeof userChangeBody>;
export type TeamCreateBody = z.output<typeof teamCreateBody>;
export type TeamRenameBody = z.output<typeof teamRenameBody>;
export type TenantSettingsChangeBody = z.output<typeof tenantSettingsChangeBody>;
export type ApiTokenCreateBody = z.output<typeof apiTokenCreateBody>;
export type ProductModelBody = z.output<typeof productModelBody>;
export type ProductModelChangeBody = z.output<typeof productModelChangeBody>;
export type WarrantyPolicyBody = z.output<typeof warrantyPolicyBody>;
export type WarrantyPolicyChangeBody = z.output<typeof warrantyPolicyChangeBody>;
type ProductModelPage = z.infer<typeof productModelPage>;

export interface ModelFilter {
  q?: string;
  category?: ProductCategory;
}

export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  teams: () => [...adminKeys.all, 'teams'] as const,
  tenant: () => [...adminKeys.all, 'tenant'] as const,
  tokens: () => [...adminKeys.all, 'api-tokens'] as const,
  catalog: () => ['catalog'] as const,
  models: (filter: ModelFilter) => [...adminKeys.catalog(), 'models', filter] as const,
  model: (id: string) => [...adminKeys.catalog(), 'model', id] as const,
  policies: () => [...adminKeys.catalog(), 'policies'] as const,
};

/** A create's options: the key makes a retried or double-clicked submit create once. */
interface CreateInput<B> {
  body: B;
  idempotencyKey: string;
}
interface ChangeInput<B> {
  id: string;
  body: B;
}

// ── Users ──

export const fetchUsers = () => api.get<{ items: User[] }>('/users').then((r) => r.items);

export function useUsers() {
  return useQuery({ queryKey: adminKeys.users(), queryFn: fetchUsers });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateInput<UserCreateBody>) =>
      api.post<User>('/users', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
  });
}

export function useChangeUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput<UserChangeBody>) => api.patch<User>(`/users/${id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<User[]>(adminKeys.users(), (list) =>
        list?.map((u) => (u.id === saved.id ? saved : u)),
      );
      // The signed-in admin may have changed their own name or language.
      void queryClient.invalidateQueries({ queryKey: authKeys.session() });
    },
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput<{ version: number; password: string }>) =>
      api.post<User>(`/users/${id}/password`, body),
    onSuccess: (saved) =>
      queryClient.setQueryData<User[]>(adminKeys.users(), (list) =>
        list?.map((u) => (u.id === saved.id ? saved : u)),
      ),
  });
}

// ── Teams and service points ──

export const fetchTeams = () => api.get<{ items: Team[] }>('/teams').then((r) => r.items);

export function useTeams() {
  return useQuery({ queryKey: adminKeys.teams(), queryFn: fetchTeams });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateInput<TeamCreateBody>) =>
      api.post<Team>('/teams', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.teams() }),
  });
}

export function useRenameTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput<TeamRenameBody>) => api.patch<Team>(`/teams/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.teams() }),
  });
}

// ── Tenant settings ──

export const fetchTenant = () => api.get<TenantSettings>('/tenant');

export function useTenantSettings() {
  return useQuery({ queryKey: adminKeys.tenant(), queryFn: fetchTenant });
}

export function useChangeTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TenantSettingsChangeBody) => api.patch<TenantSettings>('/tenant', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.tenant(), saved);
      // The header shows the tenant's name and every date uses its time zone.
      void queryClient.invalidateQueries({ queryKey: authKeys.session() });
    },
  });
}

// ── API tokens ──

export function useApiTokens() {
  return useQuery({
    queryKey: adminKeys.tokens(),
    queryFn: () => api.get<{ items: ApiToken[] }>('/api-tokens').then((r) => r.items),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateInput<ApiTokenCreateBody>) =>
      api.post<ApiTokenCreated>('/api-tokens', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens() }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api-tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens() }),
  });
}

// ── Catalog: product models and warranty policies ──

const modelPageSize = 50;

/** Product models page by page (keyset cursor); `fetchNextPage` loads the next 50. */
export function useProductModels(filter: ModelFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.models(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<ProductModelPage>('/product-models', {
        query: { q: filter.q, category: filter.category, cursor: pageParam, limit: modelPageSize },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const fetchProductModel = (id: string) => api.get<ProductModel>(`/product-models/${id}`);

export function useCreateProductModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateInput<ProductModelBody>) =>
      api.post<ProductModel>('/product-models', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...adminKeys.catalog(), 'models'] }),
  });
}

export function useChangeProductModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput<ProductModelChangeBody>) =>
      api.patch<ProductModel>(`/product-models/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...adminKeys.catalog(), 'models'] }),
  });
}

export function useWarrantyPolicies() {
  return useQuery({
    queryKey: adminKeys.policies(),
    queryFn: () => api.get<{ items: WarrantyPolicy[] }>('/warranty-policies').then((r) => r.items),
  });
}

export const fetchWarrantyPolicy = (id: string) => api.get<WarrantyPolicy>(`/warranty-policies/${id}`);

export function useCreateWarrantyPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateInput<WarrantyPolicyBody>) =>
      api.post<WarrantyPolicy>('/warranty-policies', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.policies() }),
  });
}

export function useChangeWarrantyPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput<WarrantyPolicyChangeBody>) =>
      api.patch<WarrantyPolicy>(`/warranty-policies/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.policies() }),
  });
}
