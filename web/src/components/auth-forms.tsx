import { useState } from 'preact/hooks';
import { ApiError, errorsFor } from '../api.ts';
import { mergeGuestCart } from '../cart.ts';
import { useT } from '../i18n.ts';
import { logIn, register, session, type Session } from '../session.ts';
import { Field, FormProblem } from './ui.tsx';

/** Log in or register, side by side; either way the guest's cart joins the customer's cart. */
export function AuthForms({ onDone }: { onDone: () => void }) {
  return (
    <div class="auth-forms">
      <LoginForm onDone={onDone} />
      <RegisterForm onDone={onDone} />
    </div>
  );
}

function useSubmit(action: () => Promise<Session>, onDone: () => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const started = await action();
      await mergeGuestCart(started.token).catch(() => undefined);
      session.set(started);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function LoginForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => logIn(email, password), onDone);
  const { byField, rest } = errorsFor(error, ['email', 'password']);
  // The API answers an unknown email and a wrong password alike (a 401 naming no field).
  const refused = error instanceof ApiError && error.status === 401;
  if (refused) byField.password = t.wrongCredentials;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="login-title">
      <h2 id="login-title">{t.logInTitle}</h2>
      <Field
        id="login-email"
        label={t.email}
        type="email"
        autoComplete="email"
        value={email}
        onInput={setEmail}
        error={byField.email}
        required
      />
      <Field
        id="login-password"
        label={t.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
        error={byField.password}
        required
      />
      <FormProblem error={refused ? undefined : error} rest={rest} />
      <button type="submit" disabled={busy}>
        {t.logIn}
      </button>
    </form>
  );
}

function RegisterForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => register(name, email, password), onDone);
  const { byField, rest } = errorsFor(error, ['name', 'email', 'password']);
  const taken = error instanceof ApiError && error.status === 409;
  if (taken) byField.email = t.emailTaken;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="register-title">
      <h2 id="register-title">{t.registerTitle}</h2>
      <Field id="register-name" label={t.name} autoComplete="name" value={name} onInput={setName} error={byField.name} required />
      <Field
        id="register-email"
        label={t.email}
        type="email"
        autoComplete="email"
        value={email}
        onInput={setEmail}
        error={byField.email}
        required
      />
      <Field
        id="register-password"
        label={t.password}
        type="password"
        autoComplete="new-password"
        hint={t.passwordHint}
        value={password}
        onInput={setPassword}
        error={byField.password}
        required
      />
      <FormProblem error={taken ? undefined : error} rest={rest} />
      <button type="submit" disabled={busy}>
        {t.register}
      </button>
    </form>
  );
}
