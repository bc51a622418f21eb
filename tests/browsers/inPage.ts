// Functions that run inside the studio page (serialised by the driver, so each is self-contained). They find elements
// by role and accessible name, the way the Playwright suite does: buttons by their text or aria-label, sliders by their
// <label>, figures by their aria-label.

/** The run's status line (the status region of the status area). */
export const statusText = (): string => document.querySelector('.status-area [role="status"]')?.textContent ?? '';

/** True when the run's status line matches the pattern. */
export const statusMatches = (source: string): boolean => new RegExp(source).test(document.querySelector('.status-area [role="status"]')?.textContent ?? '');

/** The backend line under the status: "Backend wasm · 1 thread …: reason". */
export const backendLine = (): string => document.querySelector('.status-area .backend-note p')?.textContent ?? '';

/** The enabled button whose accessible name is exactly `name`, or null. */
export const buttonNamed = (name: string): Element | null =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('button, [role="button"]')).find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name && !b.disabled,
  ) ?? null;

/** An element's box in viewport coordinates, or null when the page has no such element. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of Start, the Temperature and Alpha sliders and both charts, with the viewport's size. */
export const layoutBoxes = (): { viewport: [number, number]; boxes: Record<string, Box | null> } => {
  const box = (el: Element | null | undefined): Box | null => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const slider = (name: string) => {
    const label = Array.from(document.querySelectorAll('label')).find((l) => (l.textContent ?? '').trim() === name);
    const input = label ? document.getElementById(label.htmlFor) : null;
    return input instanceof HTMLInputElement && input.type === 'range' ? input : null;
  };
  const start = Array.from(document.querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === 'Start');
  return {
    viewport: [document.documentElement.clientWidth, document.documentElement.clientHeight],
    boxes: {
      'Start button': box(start),
      'Temperature slider': box(slider('Temperature')),
      'Alpha slider': box(slider('Alpha')),
      'Loss curves chart': box(document.querySelector('figure[aria-label="Loss curves"]')),
      'Accuracy curves chart': box(document.querySelector('figure[aria-label="Accuracy curves"]')),
    },
  };
};

/** One row of the Results table, as shown: [accuracy cell, loss cell]. */
export const resultCells = (row: string): [string, string] | null => {
  const region = Array.from(document.querySelectorAll('section[aria-label="Results"]')).find((s) => s.querySelector('table'));
  const tr = Array.from(region?.querySelectorAll('tbody tr') ?? []).find((r) => (r.querySelector('th')?.textContent ?? '').trim() === row);
  if (!tr) return null;
  const header = Array.from(region!.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').trim());
  const cells = Array.from(tr.children).map((c) => (c.textContent ?? '').trim());
  return [cells[header.indexOf('Test accuracy')] ?? '', cells[header.indexOf('Test loss')] ?? ''];
};

/** Test builds: the page's latest worker requests and events (src/ui/bridge/workerTrace.ts). */
/**
 * The settings' lock as the page shows it: how many of the full settings' controls are enabled, of how many, whether
 * the Temperature slider (live during a run) is, and the status line read in the same moment.
 */
export const settingsLock = (): { enabled: number; total: number; temperatureEnabled: boolean; status: string } => {
  const controls = Array.from(document.querySelectorAll('#all-settings input, #all-settings select, #all-settings button'));
  const temperature = Array.from(document.querySelectorAll('input[type="range"]')).find((i) => (i as HTMLInputElement).labels?.[0]?.textContent?.trim().startsWith('Temperature'));
  return {
    enabled: controls.filter((c) => !c.matches(':disabled')).length,
    total: controls.length,
    temperatureEnabled: temperature !== undefined && !temperature.matches(':disabled'),
    status: document.querySelector('.status-area [role="status"]')?.textContent ?? '',
  };
};

export const workerTrace = (): string[] => (window as Window & { __distillWorkerTrace?: string[] }).__distillWorkerTrace ?? [];
