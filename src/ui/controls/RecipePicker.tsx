import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recipe } from '../../store/recipes';
import { useStudio } from '../../store';
import { recipeText } from '../i18n/labels';

/** Applies one of the dataset's demo recipes (architectures, T, α, transfer set, shifts) in one click. */
export function RecipePicker({ recipes, locked }: { recipes: readonly Recipe[]; locked: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const setConfig = useStudio((s) => s.setConfig);
  const [chosen, setChosen] = useState(recipes[0]!.id);
  const recipe = recipes.find((r) => r.id === chosen) ?? recipes[0]!;
  return (
    <div className="field">
      <label htmlFor={id}>{t('data.recipe')}</label>
      <div className="pair">
        <select id={id} value={recipe.id} disabled={locked} onChange={(e) => setChosen(e.currentTarget.value)}>
          {recipes.map((r) => (
            <option key={r.id} value={r.id}>
              {recipeText(r).label}
            </option>
          ))}
        </select>
        <button type="button" disabled={locked} onClick={() => setConfig(recipe.settings)}>
          {t('data.applyRecipe')}
        </button>
      </div>
      <p className="hint">{recipeText(recipe).note}</p>
    </div>
  );
}
