import { useId, useState } from 'react';
import type { Recipe } from '../../store/recipes';
import { useStudio } from '../../store';

/** Applies one of the dataset's demo recipes (architectures, T, α, transfer set, shifts) in one click. */
export function RecipePicker({ recipes, locked }: { recipes: readonly Recipe[]; locked: boolean }) {
  const id = useId();
  const setConfig = useStudio((s) => s.setConfig);
  const [chosen, setChosen] = useState(recipes[0]!.id);
  const recipe = recipes.find((r) => r.id === chosen) ?? recipes[0]!;
  return (
    <div className="field">
      <label htmlFor={id}>Recipe</label>
      <div className="pair">
        <select id={id} value={recipe.id} disabled={locked} onChange={(e) => setChosen(e.currentTarget.value)}>
          {recipes.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="button" disabled={locked} onClick={() => setConfig(recipe.settings)}>
          Apply recipe
        </button>
      </div>
      <p className="hint">{recipe.note}</p>
    </div>
  );
}
