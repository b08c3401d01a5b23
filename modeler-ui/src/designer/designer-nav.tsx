import { Link, usePath } from '../router';

/** Designers edit two things: the flows and the forms their steps show. */
export function DesignerNav() {
  const path = usePath();
  const forms = path.startsWith('/designer/forms');
  return (
    <nav className="subnav" aria-label="Designer">
      <Link to="/designer" className={forms ? '' : 'active'}>Flows</Link>
      <Link to="/designer/forms" className={forms ? 'active' : ''}>Forms</Link>
    </nav>
  );
}
