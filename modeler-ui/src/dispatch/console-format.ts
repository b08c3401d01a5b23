import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';

/**
 * Step names of the time limits as a dispatcher reads them: `work-order:line` → the kind's name in
 * the catalog ("Line work (drop fibre)"), or "Line work order" while the catalog is not known.
 */
export function stepLabel(step: string, kindNames?: Map<string, string>): string {
  if (step === 'order') return 'Whole order';
  if (step === 'resume') return 'Resume services';
  if (step.startsWith('work-order:')) {
    const kind = step.slice('work-order:'.length);
    const known = kindNames?.get(kind);
    if (known) return known;
    const words = kind.replace(/-/g, ' ');
    return `${words.charAt(0).toUpperCase()}${words.slice(1)} work order`;
  }
  return step;
}

// The kinds of field work change with the catalog, not while a page is open: read once per page load.
let kinds: Promise<Map<string, string>> | null = null;

/** `stepLabel` with the catalog's names of the kinds of field work. */
export function useStepLabel(): (step: string) => string {
  const [names, setNames] = useState<Map<string, string> | undefined>(undefined);
  useEffect(() => {
    kinds ??= api<{ kind: string; name: string }[]>('GET', '/api/v1/work-order-kinds')
      .then((list) => new Map(list.map((k) => [k.kind, k.name])))
      .catch(() => {
        kinds = null;
        return new Map<string, string>();
      });
    let live = true;
    void kinds.then((m) => live && setNames(m));
    return () => {
      live = false;
    };
  }, []);
  return useCallback((step: string) => stepLabel(step, names), [names]);
}

/** BPMN ids as the diagrams name them (`Activity_DispatchWorkOrder`) → "Dispatch work order". */
export function elementLabel(elementId: string | null): string {
  if (!elementId) return 'Unknown step';
  const words = elementId.replace(/^(Activity|Task|Event|Gateway|Flow)_/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1).toLowerCase()}`;
}

export const postLabel = (post: string) => post.replace(/-/g, ' ');
