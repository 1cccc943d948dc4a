import { useState, type FormEvent } from 'react';
import { useEngine } from '../../state/engine-store';
import { Icon } from '../../ui/Icon';

export function SignInPage() {
  const session = useEngine((s) => s.session);
  const signIn = useEngine((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const pending = session.status === 'signed-out' && session.pending === true;
  const error = session.status === 'signed-out' ? session.error : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!pending) void signIn(username.trim(), password);
  }

  return (
    <div className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand brand-large">
          <span className="brand-mark">
            <Icon name="logo" size={26} />
          </span>
          Dialtone
        </div>
        <h1 id="signin-title">Sign in</h1>
        <label>
          Username
          <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          First start? The engine printed the admin password in its terminal. Lost it? Run <code>dialtone admin reset-password</code>.
        </p>
      </form>
    </div>
  );
}
