import type { ArchPreset } from '../../engine/models/presets';
import type { Recipe } from '../../store/recipes';
import { i18n } from './index';

/** Looks up a key built at run time; the fallback (the engine's English text) is used when the catalogue has none. */
function lookup(key: string, fallback: string): string {
  return i18n.t(key, { defaultValue: fallback });
}

/** A preset's menu label in the current language. */
export function presetLabel(p: ArchPreset): string {
  return lookup(`app:presets.${p.id}.label`, p.label);
}

/** A preset's note in the current language (undefined when it has none). */
export function presetNote(p: ArchPreset): string | undefined {
  return p.note === undefined ? undefined : lookup(`app:presets.${p.id}.note`, p.note);
}

/** A recipe's label and note in the current language. */
export function recipeText(r: Recipe): { label: string; note: string } {
  return { label: lookup(`app:recipes.${r.id}.label`, r.label), note: lookup(`app:recipes.${r.id}.note`, r.note) };
}

/** A dataset's menu name in the current language. */
export function datasetLabel(id: string, fallback: string): string {
  return lookup(`app:datasets.${id}`, fallback);
}

/** A dataset's short name (plot titles) in the current language. */
export function datasetShortName(id: string, fallback: string): string {
  return lookup(`app:datasetShort.${id}`, fallback);
}

/** A built-in dataset's class name in the current language (digits and uploads keep theirs). */
export function classLabel(datasetId: string, index: number, fallback: string): string {
  return lookup(`app:classNames.${datasetId}.c${index}`, fallback);
}
