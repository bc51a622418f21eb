import { DEFAULT_CONFIG, sanitizeConfig, type StudioConfig } from './configFields';
import { RECIPES } from './recipes';

/** Which panel a lesson opens: the temperature explorer, the bias-correction panel, or the decision boundaries. */
export type LessonFocus = 'explorer' | 'bias' | 'boundaries';

/** The lessons, in menu order (also their i18n sections in the `lessons` namespace). */
export const LESSON_IDS = ['temperature', 'distillVsScratch', 'omittedDigit', 'whyT2', 'logitsVsProbabilities', 'whichMethod'] as const;

/** Id of a lesson. */
export type LessonId = (typeof LESSON_IDS)[number];

/**
 * A message code of the `lessons` namespace: a lesson's title, explanation or part label (the UI words it; the
 * catalogues must have every code a lesson uses, which `tests/unit/lessons.test.ts` checks).
 */
export type LessonMessageKey = `${LessonId}.${'title' | 'explanation' | `part${number}`}`;

/** A part's settings: every config field except the backend (the machine's choice, not the lesson's). */
export type LessonSettings = Omit<StudioConfig, 'backend'>;

/** One step of a lesson: a button label and the full settings it applies. */
export interface LessonPart {
  labelKey: Extract<LessonMessageKey, `${string}.part${number}`>;
  settings: LessonSettings;
}

/** A declared lesson: title, one explanatory paragraph, its parts, and the panel it opens (or null). */
export interface Lesson {
  id: LessonId;
  titleKey: `${LessonId}.title`;
  explanationKey: `${LessonId}.explanation`;
  parts: readonly LessonPart[];
  focus: LessonFocus | null;
}

const { backend: _backend, ...BASE } = DEFAULT_CONFIG;

/** The defaults with a lesson's changes: a complete settings object, so nothing from earlier experiments leaks in. */
function settings(changes: Partial<LessonSettings>): LessonSettings {
  return { ...BASE, ...changes };
}

/** An MNIST recipe's settings (so the lesson and the recipe menu never drift apart). */
function mnistRecipe(id: string): Partial<StudioConfig> {
  const recipe = RECIPES.mnist?.find((r) => r.id === id);
  if (!recipe) throw new Error(`Missing MNIST recipe ${id}`);
  return recipe.settings;
}

/** A quick spiral run: the default toy teacher and an 8-unit student. */
const SPIRAL: Partial<LessonSettings> = { dataset: 'spiral', samples: 1500, noise: 0.08, teacherId: 'mlp-64-64', studentId: 'mlp-8', epochs: 15, transferSize: 0, batchSize: 32 };

/** The studio's earlier default: both students see every spiral point, and distillation gains nothing (the honest contrast). */
export const ALL_POINTS_CONTRAST: Partial<LessonSettings> = { ...SPIRAL, epochs: 30, temperature: 4, alpha: 0.7 };

/** A comparison of every method the spiral's MLPs allow (AT needs CNNs), over 3 seeds. */
const COMPARE_ALL: Partial<LessonSettings> = { compare: true, compareMethods: ['kl', 'mse', 'dkd', 'lskl', 'rkd'], compareSeeds: 3 };

/**
 * "Which method, and when?" part 1: both students see every spiral point, and the plain KL student has the highest mean
 * (`tests/unit/lesson-which-method.test.ts` runs it and checks).
 */
export const KL_WINS: Partial<LessonSettings> = { ...SPIRAL, ...COMPARE_ALL };

/** The lessons of the classroom menu. */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'temperature',
    titleKey: 'temperature.title',
    explanationKey: 'temperature.explanation',
    parts: [{ labelKey: 'temperature.part1', settings: settings({ ...SPIRAL, temperature: 4, alpha: 0.7 }) }],
    focus: 'explorer',
  },
  {
    id: 'distillVsScratch',
    titleKey: 'distillVsScratch.title',
    explanationKey: 'distillVsScratch.explanation',
    parts: [
      { labelKey: 'distillVsScratch.part1', settings: settings({ dataset: 'mnist', ...mnistRecipe('mnist-kd'), repeats: 3 }) },
      { labelKey: 'distillVsScratch.part2', settings: settings({ dataset: 'mnist', ...mnistRecipe('mnist-tiny'), repeats: 3 }) },
      { labelKey: 'distillVsScratch.part3', settings: settings({ ...ALL_POINTS_CONTRAST, repeats: 3 }) },
    ],
    focus: null,
  },
  {
    id: 'omittedDigit',
    titleKey: 'omittedDigit.title',
    explanationKey: 'omittedDigit.explanation',
    parts: [
      {
        labelKey: 'omittedDigit.part1',
        settings: settings({
          dataset: 'mnist',
          teacherId: 'cnn-32-64-128',
          studentId: 'mlp-800-800',
          augment: 'teacher',
          transferSize: 0,
          excludeClasses: [3],
          temperature: 20,
          alpha: 0.9,
          epochs: 10,
          batchSize: 64,
          learningRate: 0.001,
        }),
      },
    ],
    focus: 'bias',
  },
  {
    id: 'whyT2',
    titleKey: 'whyT2.title',
    explanationKey: 'whyT2.explanation',
    parts: [
      { labelKey: 'whyT2.part1', settings: settings({ ...SPIRAL, temperature: 20, alpha: 0.9, scaleByT2: false }) },
      { labelKey: 'whyT2.part2', settings: settings({ ...SPIRAL, temperature: 20, alpha: 0.9, scaleByT2: true }) },
    ],
    focus: 'boundaries',
  },
  {
    id: 'logitsVsProbabilities',
    titleKey: 'logitsVsProbabilities.title',
    explanationKey: 'logitsVsProbabilities.explanation',
    parts: [
      { labelKey: 'logitsVsProbabilities.part1', settings: settings({ ...SPIRAL, temperature: 4, alpha: 0.7, softTerm: 'kl' }) },
      { labelKey: 'logitsVsProbabilities.part2', settings: settings({ ...SPIRAL, temperature: 4, alpha: 0.7, softTerm: 'mse' }) },
    ],
    focus: 'boundaries',
  },
  {
    id: 'whichMethod',
    titleKey: 'whichMethod.title',
    explanationKey: 'whichMethod.explanation',
    parts: [
      { labelKey: 'whichMethod.part1', settings: settings(KL_WINS) },
      { labelKey: 'whichMethod.part2', settings: settings(COMPARE_ALL) },
      { labelKey: 'whichMethod.part3', settings: settings({ ...KL_WINS, excludeClasses: [2] }) },
    ],
    focus: null,
  },
];

/** The lesson with this id. */
export function lessonById(id: LessonId): Lesson {
  return LESSONS.find((l) => l.id === id)!;
}

/** Type guard for lesson ids (e.g. from a menu value). */
export function isLessonId(v: string): v is LessonId {
  return (LESSON_IDS as readonly string[]).includes(v);
}

/**
 * The config a part turns `current` into: the part's settings with the current backend, validated field by
 * field like stored settings are. Returns the fields that failed instead when any does (a defect in the table).
 */
export function lessonConfig(part: LessonPart, current: StudioConfig): { config: StudioConfig; rejected: (keyof StudioConfig)[] } {
  return sanitizeConfig({ ...part.settings, backend: current.backend });
}
