import type { CurrentUser, Team, TicketDetail, User } from '@manyi/contracts';
import { createContext, useContext } from 'react';

/** What every section of the work-order desk needs: the ticket, who is looking, and names for ids. */
export interface Desk {
  ticket: TicketDetail;
  user: CurrentUser;
  usersById: ReadonlyMap<string, User>;
  teamsById: ReadonlyMap<string, Team>;
  users: readonly User[];
  teams: readonly Team[];
  timeZone: string;
  canWrite: boolean;
  canAssign: boolean;
  /** Refetches the ticket and returns the latest (for "reload and re-apply"). */
  reload: () => Promise<TicketDetail | undefined>;
}

const DeskContext = createContext<Desk | null>(null);

export const DeskProvider = DeskContext.Provider;

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() used outside the work-order desk');
  return desk;
}
