import { useEffect } from 'preact/hooks';
import { useT } from '../i18n.ts';
import { navigate, useLocation } from '../router.ts';
import { AuthForms } from '../components/auth-forms.tsx';

/** /login?next=/somewhere: back there once logged in (only to a path of this site). */
export function LoginPage() {
  const t = useT();
  const { query } = useLocation();
  const next = query.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/account';
  useEffect(() => {
    document.title = `${t.logInTitle} · Pasar`;
  }, [t]);
  return (
    <div>
      <h1>{t.logInTitle}</h1>
      <p>{t.authIntro}</p>
      <AuthForms onDone={() => navigate(target, { replace: true })} />
    </div>
  );
}
