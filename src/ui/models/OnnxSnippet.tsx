import { useTranslation } from 'react-i18next';

/** File name the snippets load. */
const FILE = 'student.onnx';

/** The two-line loaders shown under the ONNX download: Python (onnxruntime) and JavaScript (onnxruntime-web). */
export const ONNX_SNIPPETS = {
  python: `import onnxruntime, numpy as np\nlogits, probs = onnxruntime.InferenceSession("${FILE}").run(None, {"input": x.astype(np.float32)})`,
  javascript: `import * as ort from 'onnxruntime-web';\nconst { logits, probabilities } = await (await ort.InferenceSession.create('${FILE}')).run({ input: new ort.Tensor('float32', x, dims) });`,
} as const;

/** How to load the exported `.onnx` file in Python and in JavaScript, two lines each. */
export function OnnxSnippet() {
  const { t } = useTranslation('models');
  return (
    <details className="onnx-snippet">
      <summary>{t('export.snippetTitle')}</summary>
      <p className="hint">Python</p>
      <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <code>{ONNX_SNIPPETS.python}</code>
      </pre>
      <p className="hint">JavaScript</p>
      <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <code>{ONNX_SNIPPETS.javascript}</code>
      </pre>
    </details>
  );
}
