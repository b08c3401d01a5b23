import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, credentials, setUnauthorizedHandler, type Me } from './api';

interface SessionState {
  me: Me | null;
  loading: boolean;
  logInWithPassword(username: string, password: string): Promise<Me>;
  logInWithKey(key: string): Promise<Me>;
  logOut(): Promise<void>;
}

const Session = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(Session);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Holds who is logged in. A password buys a short-lived session token; an API key is used as it is. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(!!credentials.get());

  const adopt = useCallback(async (token: string) => {
    credentials.set(token);
    try {
      const who = await api<Me>('GET', '/api/v1/session');
      setMe(who);
      return who;
    } catch (err) {
      credentials.clear();
      throw err;
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      credentials.clear();
      setMe(null);
    });
    const token = credentials.get();
    if (token) adopt(token).catch(() => undefined).finally(() => setLoading(false));
  }, [adopt]);

  const value: SessionState = {
    me,
    loading,
    async logInWithPassword(username, password) {
      const s = await api<{ token: string }>('POST', '/api/v1/session', { username, password });
      return adopt(s.token);
    },
    logInWithKey: (key) => adopt(key.trim()),
    async logOut() {
      await api('DELETE', '/api/v1/session').catch(() => undefined);
      credentials.clear();
      setMe(null);
    },
  };
  return <Session.Provider value={value}>{children}</Session.Provider>;
}
