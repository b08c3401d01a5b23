import { useState, type FormEvent } from 'react';
import { ApiError, can, seesTasks, type Me } from '../api';
import { navigate } from '../router';
import { useSession } from '../session';

/** Where each kind of user starts. */
export function homeOf(me: Me): string {
  if (can(me, 'dispatcher')) return '/dispatch';
  if (can(me, 'designer')) return '/designer';
  if (can(me, 'crew')) return '/crew';
  if (seesTasks(me)) return '/tasks';
  return '/login';
}

export function LoginPage() {
  const session = useSession();
  const [mode, setMode] = useState<'password' | 'key'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = mode === 'password' ? await session.logInWithPassword(username, password) : await session.logInWithKey(key);
      navigate(homeOf(me), true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401
        ? (mode === 'password' ? 'Wrong username or password.' : 'This API key is unknown or revoked.')
        : 'The service could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-label="Log in">
        <div className="brand brand-large"><span className="brand-mark" aria-hidden>⌁</span> Production Dispatch</div>
        <p className="muted">Orders, flows and field work in one place.</p>
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={mode === 'password'} onClick={() => setMode('password')}>Username</button>
          <button type="button" role="tab" aria-selected={mode === 'key'} onClick={() => setMode('key')}>API key</button>
        </div>
        {mode === 'password' ? (
          <>
            <label>Username<input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus /></label>
            <label>Password<input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
          </>
        ) : (
          <label>API key<input name="apiKey" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="dk_…" required autoFocus /></label>
        )}
        {error && <div className="alert alert-error" role="alert">{error}</div>}
        <button className="btn btn-primary btn-block" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </div>
  );
}
