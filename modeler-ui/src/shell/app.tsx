import { lazy, Suspense, useEffect } from 'react';
import { can, seesTasks, type Me } from '../api';
import { CrewPage } from '../crew/crew-page';
import { ConsolePage } from '../dispatch/console-page';
import { FormListPage } from '../designer/form-list-page';
import { ProcessListPage } from '../designer/process-list-page';
import { Link, navigate, usePath } from '../router';
import { useSession } from '../session';
import { TasksPage } from '../tasks/tasks-page';
import { homeOf, LoginPage } from './login-page';

// The modeler and the diagram viewer are large; only designers and order pages load them.
const ProcessEditorPage = lazy(() => import('../designer/process-editor-page'));
const OrderPage = lazy(() => import('../dispatch/order-page'));
const FormEditorPage = lazy(() => import('../designer/form-editor-page'));
const StatisticsPage = lazy(() => import('../dispatch/statistics-page'));

const sections: { path: string; label: string; may: (me: Me) => boolean }[] = [
  { path: '/dispatch', label: 'Dispatch', may: (me) => can(me, 'dispatcher') },
  { path: '/designer', label: 'Designer', may: (me) => can(me, 'designer') },
  { path: '/crew', label: 'My work', may: (me) => can(me, 'crew') },
  { path: '/tasks', label: 'Tasks', may: seesTasks },
];

export function App() {
  const { me, loading, logOut } = useSession();
  const path = usePath();

  useEffect(() => {
    if (loading) return;
    if (!me && path !== '/login') navigate('/login', true);
    if (me && (path === '/' || path === '/login')) navigate(homeOf(me), true);
  }, [me, loading, path]);

  if (loading) return <div className="page-loading">Loading…</div>;
  if (!me || path === '/login') return <LoginPage />;

  const section = sections.find((s) => path.startsWith(s.path));
  const allowed = section?.may(me);
  let page;
  if (!allowed) page = <div className="empty">You have no access to this page.</div>;
  else if (path === '/dispatch') page = <ConsolePage />;
  else if (path === '/dispatch/statistics') page = <StatisticsPage />;
  else if (path.startsWith('/dispatch/orders/')) page = <OrderPage orderId={path.split('/')[3]!} />;
  else if (path === '/designer') page = <ProcessListPage />;
  else if (path === '/designer/forms') page = <FormListPage />;
  else if (path.startsWith('/designer/forms/')) page = <FormEditorPage formId={decodeURIComponent(path.split('/')[3]!)} />;
  else if (path.startsWith('/designer/')) page = <ProcessEditorPage processId={decodeURIComponent(path.split('/')[2]!)} />;
  else if (path === '/crew') page = <CrewPage />;
  else if (path === '/tasks') page = <TasksPage />;

  return (
    <div className={`shell ${path === '/crew' ? 'shell-narrow' : ''}`}>
      <header className="topbar">
        <Link to={homeOf(me)} className="brand"><span className="brand-mark" aria-hidden>⌁</span> Production Dispatch</Link>
        <nav>
          {sections.filter((s) => s.may(me)).map((s) => (
            <Link key={s.path} to={s.path} className={path.startsWith(s.path) ? 'active' : ''}>{s.label}</Link>
          ))}
        </nav>
        <div className="user">
          <span className="user-name" title={me.roles.join(', ')}>{me.name}</span>
          <button className="btn btn-ghost btn-small" onClick={() => void logOut()}>Log out</button>
        </div>
      </header>
      <main>
        <Suspense fallback={<div className="page-loading">Loading…</div>}>{page}</Suspense>
      </main>
    </div>
  );
}
