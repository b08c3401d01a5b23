import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { since, shortId } from '../format';
import { useSession } from '../session';
import { factsOf, mayAnswer, subjectKind, type PostTask } from './post-task';
import { TaskForm } from './task-form';

/**
 * The live stream is the dispatchers' and carries no task notices; most post holders are not
 * dispatchers, so the list is read again every few seconds (a cheap indexed query).
 */
const POLL_MS = 5000;

function TaskCard({ task, fresh, answerable, open, onOpen, onClose, onDone }: {
  task: PostTask; fresh: boolean; answerable: boolean; open: boolean; onOpen: () => void; onClose: () => void; onDone: () => void;
}) {
  const facts = factsOf(task);
  return (
    <li className={`card task ${fresh ? 'task-new' : ''}`} data-task={task.id}>
      <div className="wo-top">
        <strong>{task.name}</strong>
        <span className="chip chip-post">{task.post}</span>
      </div>
      {task.subject && <div className="task-subject">{task.subject.title}</div>}
      <div className="wo-meta muted">
        {task.subjectId && <span>{subjectKind(task)} <span className="mono">{shortId(task.subjectId)}</span></span>}
        <span>waiting {since(task.createdAt)}</span>
      </div>
      {facts.length > 0 && (
        <dl className="task-facts">
          {facts.map((f) => (
            <div key={f.label}><dt>{f.label}</dt><dd>{f.value}</dd></div>
          ))}
        </dl>
      )}
      {!answerable ? <div className="muted small">The {task.post} post answers this task.</div>
        : open ? <TaskForm task={task} onDone={onDone} onCancel={onClose} />
        : <div className="row"><button className="btn btn-primary grow" onClick={onOpen}>Open</button></div>}
    </li>
  );
}

/** The open tasks of my posts (a dispatcher's: every post's), each answered with the form its flow asks for. */
export function TasksPage() {
  const { me } = useSession();
  const [tasks, setTasks] = useState<PostTask[] | null>(null);
  const [live, setLive] = useState(false);
  const [post, setPost] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Tasks that arrived while the page was open are marked for a moment; the first read marks none.
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());

  const load = useCallback(async () => {
    try {
      const list = await api<PostTask[]>('GET', '/api/v1/tasks');
      const before = seen.current;
      setFresh(before ? new Set(list.filter((t) => !before.has(t.id)).map((t) => t.id)) : new Set());
      seen.current = new Set(list.map((t) => t.id));
      setTasks(list);
      setLive(true);
    } catch {
      setLive(false);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  if (!tasks) return <div className="page-loading">Loading your tasks…</div>;
  const posts = [...new Set(tasks.map((t) => t.post))].sort();
  const shown = tasks.filter((t) => !post || t.post === post);

  function done(task: PostTask) {
    setOpenId(null);
    setTasks((list) => list && list.filter((t) => t.id !== task.id));
    setNotice(`Done: ${task.name}. The flow goes on with your answer.`);
    void load();
  }

  return (
    <div className="tasks">
      <div className="crew-head">
        <h1>{me?.posts.length ? 'My tasks' : 'Post tasks'}</h1>
        <span className={`live ${live ? 'on' : ''}`}>{live ? 'Live' : 'Reconnecting…'}</span>
      </div>
      <p className="muted small tasks-posts">
        {me?.posts.length ? `Your posts: ${me.posts.join(', ')}` : 'Every post\'s tasks'} · {tasks.length} open
      </p>
      {posts.length > 1 && (
        <div className="chips" role="group" aria-label="Post">
          {[null, ...posts].map((p) => (
            <button key={p ?? 'all'} className={`chip-filter ${post === p ? 'selected' : ''}`} aria-pressed={post === p} onClick={() => setPost(p)}>
              {p ?? 'All'}<b>{p ? tasks.filter((t) => t.post === p).length : tasks.length}</b>
            </button>
          ))}
        </div>
      )}
      {notice && <div className="alert alert-success" role="status">{notice}</div>}
      {shown.length === 0 && <div className="empty">No open tasks. New ones appear here as the flows file them.</div>}
      <ul className="cards" aria-label="Open tasks">
        {shown.map((t) => (
          <TaskCard key={t.id} task={t} fresh={fresh.has(t.id)} answerable={mayAnswer(me, t)} open={openId === t.id}
            onOpen={() => { setNotice(null); setOpenId(t.id); }} onClose={() => setOpenId(null)} onDone={() => done(t)} />
        ))}
      </ul>
    </div>
  );
}
