import type { App } from '../../http/app-types.ts';
import { actorOf } from '../../http/request-context.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { presentNativeAccount } from '../accounts/native-accounts.routes.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { Static } from 'typebox';
import {
  CreateNativePerson,
  UpdateNativePerson,
  UpdateProfileBody,
  ListNativePeopleQuery,
  Me,
  NativePerson,
  NativePersonList,
  NativePersonParams,
  NativeRate,
  NativeRateList,
  NativeRatesQuery,
  SetNativeRate,
} from './native-users.schemas.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import type { Person } from './person.rules.ts';
import type { Rate } from './users.service.ts';
import { fromCents } from '../../shared/money.ts';
import { calendarDay } from '../../http/native-input.ts';
import type { UpdatePerson, UsersService } from './users.service.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { USER_ERRORS } from './users.errors.ts';
import { NoContent } from '../../http/openapi.ts';

/**
 * The native person's fields as the service's command. The access level and a manager's
 * permissions travel together (as Harvest's `access_roles`), so permissions alone are refused
 * rather than guessed onto a level.
 */
function personCommand(body: Static<typeof UpdateNativePerson>): UpdatePerson {
  const { accessLevel, managerPermissions, weeklyCapacitySeconds, ...rest } = body;
  if (managerPermissions !== undefined && accessLevel === undefined) {
    throw wordedInvalid(
      ['accessLevel is required with managerPermissions'],
      USER_ERRORS.accessLevelRequired,
    );
  }
  return {
    ...rest,
    weeklyCapacity: weeklyCapacitySeconds,
    accessRoles:
      accessLevel === undefined
        ? undefined
        : accessLevel === 'manager'
          ? [accessLevel, ...(managerPermissions ?? [])]
          : [accessLevel],
  };
}

function presentRate(rate: Rate, kind: 'billable' | 'cost') {
  return {
    id: rate.id,
    kind,
    amount: fromCents(rate.amountCents),
    startDate: rate.startDate,
    endDate: rate.endDate,
  };
}

function presentPerson(person: Person) {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    timezone: person.timezone,
    weeklyCapacitySeconds: person.weeklyCapacitySeconds,
    accessLevel: person.accessLevel,
    managerPermissions: [...person.managerPermissions],
    isActive: person.isActive,
    isContractor: person.isContractor,
    locale: person.locale,
    avatarUrl: person.avatarUrl,
  };
}

/** The native API's view of people: who is signed in, where, with which settings. */
export function nativeUsersRoutes(
  app: App,
  deps: { users: UsersService; accounts: AccountsService; auth: AuthService },
) {
  app.get(
    '/me',
    {
      schema: {
        operationId: 'retrieveMe',
        summary: 'The signed-in person, their account and its settings, and their other accounts',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [view, account, accounts] = await Promise.all([
        deps.users.getCurrentUser(actor),
        deps.accounts.getCompany(actor),
        deps.auth.accountsOfLogin(actor.identityId),
      ]);
      return {
        person: presentPerson(view),
        account: presentNativeAccount(account),
        accounts: accounts.map((a) => ({ id: a.accountId, name: a.name, personId: a.userId })),
      };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        operationId: 'updateProfile',
        summary: 'Change my name, time zone or language',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        body: UpdateProfileBody,
        response: { 200: NativePerson },
      },
    },
    async (request) =>
      presentPerson(await deps.users.updateProfile(actorOf(request), request.body)),
  );

  app.get(
    '/people',
    {
      schema: {
        operationId: 'punchListPeople',
        summary: 'People the caller may see (managers: their teammates), newest first',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        querystring: ListNativePeopleQuery,
        response: { 200: NativePersonList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await deps.users.listUsers(
        actorOf(request),
        { isActive: q.isActive, text: q.q },
        nativePageRequest(q),
      );
      return { data: page.rows.map(presentPerson), nextCursor: nextCursor(page) };
    },
  );

  app.get(
    '/people/:userId',
    {
      schema: {
        operationId: 'punchRetrievePerson',
        summary: 'One person',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        params: NativePersonParams,
        response: { 200: NativePerson },
      },
    },
    async (request) =>
      presentPerson(await deps.users.getUser(actorOf(request), request.params.userId)),
  );

  const rates = '/people/:userId/rates';

  app.get(
    rates,
    {
      schema: {
        operationId: 'punchListRates',
        summary: "A person's billable or cost rates over time (those allowed to see them)",
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        params: NativePersonParams,
        querystring: NativeRatesQuery,
        response: { 200: NativeRateList },
      },
    },
    async (request) => {
      const kind = request.query.kind ?? 'billable';
      const views = await deps.users.listRates(actorOf(request), request.params.userId, kind);
      return { data: views.map((view) => presentRate(view, kind)) };
    },
  );

  app.post(
    rates,
    {
      schema: {
        operationId: 'punchSetRate',
        summary: "Set a person's rate from a day on; the periods it overlaps are replaced",
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        params: NativePersonParams,
        body: SetNativeRate,
        response: { 201: NativeRate },
      },
    },
    async (request, reply) => {
      const { kind, amount, startDate } = request.body;
      calendarDay(startDate ?? undefined, 'startDate');
      const view = await deps.users.createRate(actorOf(request), request.params.userId, kind, {
        amount,
        startDate,
      });
      return reply.code(201).send(presentRate(view, kind));
    },
  );

  app.post(
    '/people',
    {
      schema: {
        operationId: 'punchCreatePerson',
        summary: 'Add a person to the account (administrators)',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        body: CreateNativePerson,
        response: { 201: NativePerson },
      },
    },
    async (request, reply) => {
      const { firstName, lastName, email } = request.body;
      const view = await deps.users.createUser(actorOf(request), {
        ...personCommand(request.body),
        firstName,
        lastName,
        email,
      });
      return reply.code(201).send(presentPerson(view));
    },
  );

  app.patch(
    '/people/:userId',
    {
      schema: {
        operationId: 'punchUpdatePerson',
        summary: 'Change a person; isActive false archives them (administrators)',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        params: NativePersonParams,
        body: UpdateNativePerson,
        response: { 200: NativePerson },
      },
    },
    async (request) =>
      presentPerson(
        await deps.users.updateUser(
          actorOf(request),
          request.params.userId,
          personCommand(request.body),
        ),
      ),
  );

  app.delete(
    '/people/:userId',
    {
      schema: {
        operationId: 'punchDeletePerson',
        summary: 'Delete a person who has tracked no time (archive them otherwise)',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        params: NativePersonParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await deps.users.deleteUser(actorOf(request), request.params.userId);
      return reply.code(204).send();
    },
  );
}
