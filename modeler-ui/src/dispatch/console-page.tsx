import { Link } from '../router';
import { AlarmsPanel } from './alarms-panel';
import { BoardPage } from './board-page';
import { DeadlinesPanel } from './deadlines-panel';
import { ExceptionsPanel } from './exceptions-panel';
import { UnassignedPanel } from './unassigned-panel';

/** The dispatcher's views; the board and statistics share the /dispatch section of the top bar. */
export function DispatchTabs({ current }: { current: 'board' | 'statistics' }) {
  return (
    <nav className="tabs" aria-label="Dispatch views">
      <Link to="/dispatch" className={current === 'board' ? 'active' : ''} aria-current={current === 'board' ? 'page' : undefined}>Board</Link>
      <Link to="/dispatch/statistics" className={current === 'statistics' ? 'active' : ''} aria-current={current === 'statistics' ? 'page' : undefined}>Statistics</Link>
    </nav>
  );
}

/** The dispatcher console: the order board, and beside it what needs a person now. */
export function ConsolePage() {
  return (
    <>
      <DispatchTabs current="board" />
      <div className="console">
        <div className="console-main"><BoardPage /></div>
        <aside className="console-side" aria-label="Needs attention">
          <AlarmsPanel />
          <DeadlinesPanel />
          <UnassignedPanel />
          <ExceptionsPanel />
        </aside>
      </div>
    </>
  );
}
