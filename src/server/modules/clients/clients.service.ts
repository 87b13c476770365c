import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { CLIENT_ERRORS } from './clients.errors.ts';
import { clientOf, type Client } from './client.rules.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { hasClaim, type Actor } from '../auth/auth.rules.ts';
import {
  countLiveProjects,
  findClient,
  insertClient,
  listClients,
  updateClient,
  type ClientFilters,
  type ClientRow,
} from './clients.repository.ts';
import { currencyCode } from '../../shared/money.ts';
import { TIME_ENTRY_ERRORS } from '../time-entries/time-entries.errors.ts';
import { eventActorOf, rowSnapshot, type DomainEvent } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';

/** A new client; `currency` defaults to the account's. */
export interface CreateClient {
  name: string;
  isActive?: boolean;
  address?: string | null;
  currency?: string;
}

/** Changes to a client: a field left out stays as it is. */
export type UpdateClient = Partial<CreateClient>;

export interface ClientsService {
  listClients(actor: Actor, filters: ClientFilters, page: PageRequest): Promise<Page<Client>>;
  getClient(actor: Actor, id: number): Promise<Client>;
  createClient(actor: Actor, command: CreateClient): Promise<Client>;
  updateClient(actor: Actor, id: number, command: UpdateClient): Promise<Client>;
  deleteClient(actor: Actor, id: number): Promise<Client>;
  /** A client of the account as stored, read in the caller's unit of work. */
  clientIn(tx: Kysely<Database>, accountId: number, id: number): Promise<ClientRow | undefined>;
}

function assertCan(actor: Actor, claim: 'clients:read:all' | 'clients:write:all'): void {
  if (!hasClaim(actor, claim)) throw forbidden();
}

export function createClientsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  /** The owner of time entries: whether time or a running timer stands in the way. */
  timeEntries: Pick<TimeEntriesService, 'hasRunningTimers' | 'hasTrackedTime'>;
  /** The account whose currency a new client bills in by default. */
  accounts: Pick<AccountsService, 'getCompany'>;
}): ClientsService {
  const { db, clock, events, timeEntries } = deps;

  /** A client's change as an event; the statement key is a secret of invoices, not a field. */
  function clientEvent(
    type: 'client.created' | 'client.updated' | 'client.deleted',
    before: ClientRow | null,
    after: ClientRow | null,
  ): DomainEvent {
    const client = (after ?? before) as ClientRow;
    return {
      type,
      entityId: client.id,
      before: before && rowSnapshot(before, ['statement_key']),
      after: after && rowSnapshot(after, ['statement_key']),
    };
  }

  async function load(actor: Actor, id: number, tx: Kysely<Database> = db): Promise<ClientRow> {
    const client = await findClient(tx, actor.accountId, id);
    if (!client) throw notFound('client');
    return client;
  }

  return {
    async listClients(actor, filters, page) {
      assertCan(actor, 'clients:read:all');
      const result = await listClients(db, actor.accountId, filters, page);
      return { ...result, rows: result.rows.map(clientOf) };
    },

    clientIn: (tx, accountId, id) => findClient(tx, accountId, id),

    async getClient(actor, id) {
      assertCan(actor, 'clients:read:all');
      return clientOf(await load(actor, id));
    },

    async createClient(actor, command) {
      assertCan(actor, 'clients:write:all');
      const name = command.name.trim();
      if (name === '') throw invalid(CLIENT_ERRORS.nameBlank);
      // A client bills in the account's currency unless it says otherwise.
      const account = await deps.accounts.getCompany(actor);
      const at = clock.now().getTime();
      return db.transaction().execute(async (tx) => {
        const client = await insertClient(tx, {
          account_id: actor.accountId,
          name,
          is_active: command.isActive === false ? 0 : 1,
          address: command.address ?? null,
          statement_key: randomBytes(16).toString('hex'),
          currency:
            command.currency === undefined ? account.currency : currencyCode(command.currency),
          created_at: at,
          updated_at: at,
          deleted_at: null,
        });
        await events.record(tx, eventActorOf(actor), clientEvent('client.created', null, client));
        return clientOf(client);
      });
    },

    async updateClient(actor, id, command) {
      assertCan(actor, 'clients:write:all');
      const name = command.name?.trim();
      if (name === '') throw invalid(CLIENT_ERRORS.nameBlank);
      return db.transaction().execute(async (tx) => {
        const before = await load(actor, id, tx);
        if (
          command.isActive === false &&
          (await timeEntries.hasRunningTimers(tx, { clientId: id }))
        ) {
          throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'archiving_client' });
        }
        const after = await updateClient(tx, id, {
          name,
          is_active: command.isActive === undefined ? undefined : command.isActive ? 1 : 0,
          address: command.address,
          currency: command.currency === undefined ? undefined : currencyCode(command.currency),
          updated_at: clock.now().getTime(),
        });
        await events.record(tx, eventActorOf(actor), clientEvent('client.updated', before, after));
        return clientOf(after);
      });
    },

    async deleteClient(actor, id) {
      assertCan(actor, 'clients:write:all');
      return db.transaction().execute(async (tx) => {
        const client = await load(actor, id, tx);
        if ((await countLiveProjects(tx, id)) > 0) {
          throw invalid(CLIENT_ERRORS.notRemovable);
        }
        const at = clock.now().getTime();
        await updateClient(tx, id, { deleted_at: at, updated_at: at });
        await events.record(tx, eventActorOf(actor), clientEvent('client.deleted', client, null));
        return clientOf(client);
      });
    },
  };
}
