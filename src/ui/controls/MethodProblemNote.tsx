import { useTranslation } from 'react-i18next';
import { methodProblem } from '../../engine/train/methodProblems';
import { useStudio } from '../../store';
import { currentMeta, toExperimentConfig } from '../../store/configSlice';
import { methodProblemText } from './methodProblemText';

/** Why Start would refuse the DKD, standardisation, attention-transfer or RKD settings, in the chosen language (nothing when fine). */
export function MethodProblemNote() {
  const { t } = useTranslation();
  const config = useStudio((s) => s.config);
  const problem = methodProblem(toExperimentConfig(config), currentMeta(config).inputShape);
  return problem ? (
    <p role="alert" className="error">
      {methodProblemText(problem, t)}
    </p>
  ) : null;
}
