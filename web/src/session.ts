import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { ApiError, api, get, setCsrfToken } from './api.ts';
import { isLanguage, rememberLanguage, type Language } from './i18n.ts';
import type { Me } from './types.ts';

/**
 * The signed-in person, or null when nobody is: reading the current session also yields the
 * CSRF token every unsafe request needs.
 */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const session = await get<{ csrfToken: string }>('/sessions/current');
        setCsrfToken(session.csrfToken);
        const me = await get<Me>('/me');
        // The language the person chose follows them to every browser.
        const chosen = me.person.locale;
        if (chosen && isLanguage(chosen) && chosen !== i18next.language) rememberLanguage(chosen);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in person's world; only used below the screens that need a session. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside a signed-in screen');
  return data;
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await api('DELETE', '/sessions/current');
    } finally {
      setCsrfToken(null);
      client.clear();
      await client.invalidateQueries({ queryKey: ['session'] });
    }
  };
}

export const canManage = (me: Me) => me.person.accessLevel !== 'member';
export const isAdmin = (me: Me) => me.person.accessLevel === 'administrator';

/** Chooses the language here and, for a signed-in person, remembers it on their profile. */
export function useChooseLanguage() {
  const client = useQueryClient();
  return (language: Language) => {
    rememberLanguage(language);
    const me = client.getQueryData<Me | null>(['session']);
    if (me) void api('PATCH', '/me', { locale: language });
  };
}

/** Moves the session to another account of the same login, then reloads everything. */
export function useSwitchAccount() {
  const client = useQueryClient();
  return async (accountId: number) => {
    const switched = await api<{ csrfToken: string }>('POST', '/sessions/current/account', {
      accountId,
    });
    setCsrfToken(switched.csrfToken);
    client.clear();
    await client.invalidateQueries({ queryKey: ['session'] });
  };
}
