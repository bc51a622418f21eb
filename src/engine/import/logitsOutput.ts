import { isPlainObject } from '../json';

/** A layer entry of a topology, as stored in model.json. */
type LayerEntry = Record<string, unknown> & { class_name?: unknown; config?: unknown };

function isSoftmaxLayer(l: LayerEntry): boolean {
  const cfg = isPlainObject(l.config) ? l.config : {};
  return l.class_name === 'Softmax' || (l.class_name === 'Activation' && cfg.activation === 'softmax');
}

/**
 * Distillation needs a teacher's logits. When a layers-model topology ends in a softmax — a Dense layer with
 * `activation: softmax`, or (Sequential only) a trailing Softmax / Activation('softmax') layer — returns a copy
 * whose output is the logits before it (same weights). Otherwise returns the topology unchanged.
 */
export function toLogitsTopology(topology: Record<string, unknown>): { topology: Record<string, unknown>; changed: boolean } {
  const copy = structuredClone(topology);
  const root = isPlainObject(copy.model_config) ? copy.model_config : copy;
  const config = root.config;
  const layers = (isPlainObject(config) ? config.layers : config) as unknown;
  if (!Array.isArray(layers) || layers.length === 0) return { topology, changed: false };
  const list = layers as LayerEntry[];
  let output: LayerEntry | undefined;
  if (root.class_name === 'Sequential') {
    const last = list[list.length - 1]!;
    if (isSoftmaxLayer(last) && list.length > 1) {
      list.pop();
      return { topology: copy, changed: true };
    }
    output = last;
  } else if (isPlainObject(config) && Array.isArray(config.output_layers) && config.output_layers.length === 1) {
    const entry: unknown = config.output_layers[0];
    const name = Array.isArray(entry) ? entry[0] : undefined;
    output = list.find((l) => isPlainObject(l.config) && (l.name === name || l.config.name === name));
  }
  if (output && output.class_name === 'Dense' && isPlainObject(output.config) && output.config.activation === 'softmax') {
    output.config.activation = 'linear';
    return { topology: copy, changed: true };
  }
  return { topology, changed: false };
}
