import type {
  agreementCoverage,
  Customer,
  CustomerCreateBody,
  CustomerSummary,
  CustomerTier,
  ProductModel,
  QueueRow,
  TicketPriority,
  TicketType,
  Unit,
  WarrantyPolicy,
  WarrantyStatus,
} from '@manyi/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';
import type { CustomerChange } from './customer-change';

export type CustomerStatus = CustomerSummary['status'];
export type AgreementCoverage = z.infer<typeof agreementCoverage>;

export interface CoverageQuestion {
  customerId: string;
  unitId?: string;
  ticketType?: TicketType;
  priority?: TicketPriority;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CustomerFilters {
  q?: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
}

export interface CustomerTicketFilter {
  type?: TicketType;
}

/** Everything this feature caches, under one root so a write can refresh what it touched. */
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: CustomerFilters) => [...customerKeys.lists(), filters] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  units: (id: string) => [...customerKeys.all, 'units', id] as const,
  ticketsOf: (id: string) => [...customerKeys.all, 'tickets', id] as const,
  tickets: (id: string, filter: CustomerTicketFilter) => [...customerKeys.ticketsOf(id), filter] as const,
  productModels: (q: string) => [...customerKeys.all, 'product-models', q] as const,
  productModel: (id: string) => [...customerKeys.all, 'product-model', id] as const,
  warrantyPolicy: (id: string) => [...customerKeys.all, 'warranty-policy', id] as const,
  warranty: (unitId: string, date: string, part: string) =>
    [...customerKeys.all, 'warranty', unitId, date, part] as const,
  coverage: (question: CoverageQuestion) => [...customerKeys.all, 'coverage', question] as const,
};

const pageSize = 30;

export function useCustomerList(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CustomerSummary>>('/customers', {
        query: { ...filters, limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The customer's registered units, newest first, each with today's whole-unit warranty. */
export function useCustomerUnits(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.units(id ?? ''),
    queryFn: ({ signal }) => api.get<Page<Unit>>(`/customers/${id}/units`, { query: { limit: 200 }, signal }),
    enabled: Boolean(id),
  });
}

/** The customer's work orders (all of them, most recently updated first), page by page. */
export function useCustomerTickets(id: string | undefined, filter: CustomerTicketFilter = {}) {
  return useInfiniteQuery({
    queryKey: customerKeys.tickets(id ?? '', filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<QueueRow>>('/tickets', {
        query: { customerId: id, view: 'all', limit: 50, cursor: pageParam, ...filter },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(id),
  });
}

export function useProductModelSearch(q: string) {
  return useQuery({
    queryKey: customerKeys.productModels(q),
    queryFn: ({ signal }) =>
      api.get<Page<ProductModel>>('/product-models', { query: { q: q || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useProductModel(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.productModel(id ?? ''),
    queryFn: ({ signal }) => api.get<ProductModel>(`/product-models/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useWarrantyPolicy(id: string | null | undefined) {
  return useQuery({
    queryKey: customerKeys.warrantyPolicy(id ?? ''),
    queryFn: ({ signal }) => api.get<WarrantyPolicy>(`/warranty-policies/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** Whether a unit (or one part class) is under warranty on a date; runs only once asked. */
export function useWarrantyCheck(unitId: string, question: { date: string; part: string } | null) {
  return useQuery({
    queryKey: customerKeys.warranty(unitId, question?.date ?? '', question?.part ?? ''),
    queryFn: ({ signal }) =>
      api.get<WarrantyStatus>(`/units/${unitId}/warranty`, {
        query: { date: question?.date, part: question?.part || undefined },
        signal,
      }),
    enabled: question !== null,
  });
}

/** Which service agreement covers the customer (and product), with its promises for a type and priority. */
export function useAgreementCoverage(question: CoverageQuestion | null) {
  return useQuery({
    queryKey: customerKeys.coverage(question ?? { customerId: '' }),
    queryFn: ({ signal }) =>
      api.get<AgreementCoverage>('/agreements/coverage', { query: { ...question }, signal }),
    enabled: question !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** After any write that returns the customer: show it at once and refresh the lists that summarise it. */
function storeCustomer(queryClient: QueryClient, customer: Customer) {
  queryClient.setQueryData(customerKeys.detail(customer.id), customer);
  void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CustomerCreateBody; idempotencyKey: string }) =>
      api.post<Customer>('/customers', body, { idempotencyKey }),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useChangeCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerChange & { version: number }) => api.patch<Customer>(`/customers/${id}`, body),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useAddPhone(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; number: string; label?: string; idempotencyKey: string }) => {
      const { idempotencyKey, ...body } = input;
      return api.post<Customer>(`/customers/${id}/phones`, body, { idempotencyKey });
    },
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useRemovePhone(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phoneId, version }: { phoneId: string; version: number }) =>
      api.delete<Customer>(`/customers/${id}/phones/${phoneId}`, { query: { version } }),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export interface AddressBody {
  label?: string;
  provinceCode: string;
  cityCode: string;
  districtCode?: string;
  province: string;
  city: string;
  district?: string;
  detail: string;
  isDefault: boolean;
}

export function useAddAddress(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; address: AddressBody; idempotencyKey: string }) =>
      api.post<Customer>(
        `/customers/${id}/addresses`,
        { ...input.address, version: input.version },
        { idempotencyKey: input.idempotencyKey },
      ),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useRemoveAddress(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ addressId, version }: { addressId: string; version: number }) =>
      api.delete<Customer>(`/customers/${id}/addresses/${addressId}`, { query: { version } }),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useChurnCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; reason: string }) =>
      api.post<Customer>(`/customers/${id}/churn`, body),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useReactivateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number }) => api.post<Customer>(`/customers/${id}/reactivate`, body),
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export interface UnitBody {
  modelId: string;
  serialNumber: string;
  purchaseDate?: string;
  deliveryDate?: string;
  installDate?: string;
  dealer?: string;
  invoiceNo?: string;
  addressId?: string;
  notes?: string;
}

export function useRegisterUnit(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UnitBody; idempotencyKey: string }) =>
      api.post<Unit>(`/customers/${customerId}/units`, body, { idempotencyKey }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.units(customerId) }),
  });
}

/** Reads the customer afresh (after a version conflict), replacing the cached copy. */
export function refetchCustomer(queryClient: QueryClient, id: string): Promise<Customer> {
  return queryClient.fetchQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, { signal }),
    staleTime: 0,
  });
}
