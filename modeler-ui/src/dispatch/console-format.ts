/** Step names of the time limits as a dispatcher reads them: `work-order:line` → "Line work order". */
export function stepLabel(step: string): string {
  if (step === 'order') return 'Whole order';
  if (step === 'resume') return 'Resume services';
  if (step.startsWith('work-order:')) {
    const kind = step.slice('work-order:'.length).replace(/-/g, ' ');
    return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} work order`;
  }
  return step;
}

/** BPMN ids as the diagrams name them (`Activity_DispatchWorkOrder`) → "Dispatch work order". */
export function elementLabel(elementId: string | null): string {
  if (!elementId) return 'Unknown step';
  const words = elementId.replace(/^(Activity|Task|Event|Gateway|Flow)_/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1).toLowerCase()}`;
}

export const postLabel = (post: string) => post.replace(/-/g, ' ');
