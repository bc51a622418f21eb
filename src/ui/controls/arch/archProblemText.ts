import type { TFunction } from 'i18next';
import { ARCH_FIELD_KEY, archProblemParams, placeText, type ArchPlace, type ArchProblem, type ArchTextKey, type ArchTextParams, type ArchWording } from '../../../engine/models/archProblems';

/** One text of the `archProblem` catalogue section (the English section is the engine's `ENGLISH_ARCH_TEXT`). */
function say(t: TFunction<'app'>, key: ArchTextKey, params: ArchTextParams = {}): string {
  return t(`archProblem.${key}`, params);
}

/** Where in an architecture a problem is, in the language of `t` ("Layer 3 (conv)", 第 3 层（conv）…). */
export function describePlace(place: ArchPlace, t: TFunction<'app'>): string {
  const { key, params } = placeText(place);
  return say(t, key, params);
}

/** Why an architecture cannot be built, as one sentence in the language of `t` (the English equals the engine's message). */
export function describeArchProblem(e: ArchProblem, t: TFunction<'app'>): string {
  const wording: ArchWording = { place: (p) => describePlace(p, t), field: (f) => say(t, ARCH_FIELD_KEY[f]) };
  return say(t, e.code, archProblemParams(e, wording));
}
