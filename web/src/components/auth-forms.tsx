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
      <EmailField id="login-email" value={email} onInput={setEmail} error={byField.email} />
      <PasswordField id="login-password" autoComplete="current-password" value={password} onInput={setPassword} error={byField.password} />
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
      <EmailField id="register-email" value={email} onInput={setEmail} error={byField.email} />
      <PasswordField
        id="register-password"
        autoComplete="new-password"
        hint={t.passwordHint}
        value={password}
        onInput={setPassword}
        error={byField.password}
      />
      <FormProblem error={taken ? undefined : error} rest={rest} />
      <button type="submit" disabled={busy}>
        {t.register}
      </button>
    </form>
  );
}

interface CredentialFieldProps {
  id: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
}

/** The email field both forms ask for, alike but for its id. */
function EmailField(props: CredentialFieldProps) {
  const t = useT();
  return <Field {...props} label={t.email} type="email" autoComplete="email" required />;
}

/** The password field both forms ask for; logging in and registering differ in what the browser offers to fill. */
function PasswordField(props: CredentialFieldProps & { autoComplete: 'current-password' | 'new-password'; hint?: string }) {
  const t = useT();
  return <Field {...props} label={t.password} type="password" required />;
}
