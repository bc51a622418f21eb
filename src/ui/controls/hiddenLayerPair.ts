import { hiddenLayerOptions } from '../../engine/models/spec';
import { currentMeta, studentPreset, teacherPreset } from '../../store/configSlice';
import type { SettledConfig } from '../../store/configFields';

/** Both models' hidden layers under the current settings, and a chosen teacher/student pair clamped to them (hints, RKD). */
export function hiddenLayerPair(config: SettledConfig, teacherLayer: number, studentLayer: number) {
  const shape = currentMeta(config).inputShape;
  const tLayers = hiddenLayerOptions(teacherPreset(config).spec, shape);
  const sLayers = hiddenLayerOptions(studentPreset(config).spec, shape);
  const tIndex = Math.min(teacherLayer, Math.max(0, tLayers.length - 1));
  const sIndex = Math.min(studentLayer, Math.max(0, sLayers.length - 1));
  return { tLayers, sLayers, tIndex, sIndex };
}
