import { useState } from 'react';
import { api } from '../api';

/** States after which a construction order can no longer be withdrawn (the API refuses with 409). */
const ended = new Set(['completed', 'rejected', 'cancelled']);

/**
 * A dispatcher withdraws a construction request on the requester's behalf (network planning asked
 * by phone, say). The reason is required and goes to the requester with the cancellation, so the
 * button first asks for it instead of cancelling on one click.
 */
export function CancelConstruction({ orderId, state, onDone }: { orderId: string; state: string; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (ended.has(state)) return null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/constructionOrders/${orderId}/cancel`, { reason });
      setAsking(false);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (!asking) return <button className="btn btn-small" onClick={() => setAsking(true)}>Cancel construction order…</button>;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <input aria-label="Why it is cancelled" placeholder="Why (sent to the requester)" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button className="btn btn-small btn-danger" type="submit" disabled={busy || reason.trim().length < 3}>Cancel the order</button>
      <button className="btn btn-small" type="button" onClick={() => setAsking(false)}>Keep it</button>
      {error && <div className="alert alert-error">{error}</div>}
    </form>
  );
}
