import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, get, setCsrfToken } from './api.ts';
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
        return await get<Me>('/me');
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
