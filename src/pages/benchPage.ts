// The benchmark page (bench.html): runs the fixed recipe in a worker on the backend named in the URL
// (?backend=wasm&teacherSteps=…&studentSteps=…&budgetMs=…) and publishes the figures on window.__bench.
const params = new URLSearchParams(location.search);
const num = (key: string, fallback: number) => Number(params.get(key) ?? fallback);
const worker = new Worker(new URL('../worker/throughputBench.worker.ts', import.meta.url), { type: 'module', name: 'distill-bench' });
const out = document.getElementById('out')!;
worker.onmessage = (e: MessageEvent<unknown>) => {
  // Events of the app run are forwarded here as the studio's worker posts them; only the final figures are published.
  if (typeof e.data === 'object' && e.data !== null && 'appEvent' in e.data) return;
  (window as Window & { __bench?: unknown }).__bench = e.data;
  out.textContent = JSON.stringify(e.data, null, 2);
};
worker.onerror = (e) => {
  (window as Window & { __bench?: unknown }).__bench = { ok: false, error: e.message };
};
worker.postMessage({
  backend: params.get('backend') ?? 'wasm',
  recipe: params.get('recipe') === 'cnn' ? 'cnn' : params.get('recipe') === 'colour' ? 'colour' : 'mlp',
  app: params.get('app') === '1',
  appEpochs: num('appEpochs', 1),
  appLongerEpochs: params.get('appLongerEpochs') ? num('appLongerEpochs', 8) : undefined,
  budget: { teacherSteps: num('teacherSteps', 300), studentSteps: num('studentSteps', 2000), budgetMs: num('budgetMs', 20000) },
  readEvery: num('readEvery', 5),
  threads: params.get('threads') ? num('threads', 1) : null,
  decode: params.get('decode') ? num('decode', 100) : undefined,
});
