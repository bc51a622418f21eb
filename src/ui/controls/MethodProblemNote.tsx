import { useTranslation } from 'react-i18next';
import { methodProblem } from '../../engine/train/methodProblems';
import { useStudio } from '../../store';
import { useSettledExperiment } from '../useSettledConfig';
import { currentMeta } from '../../store/configSlice';
import { methodProblemText } from './methodProblemText';

/** Why Start would refuse the DKD, standardisation, attention-transfer or RKD settings, in the chosen language (nothing when fine). */
export function MethodProblemNote() {
  const { t } = useTranslation();
  const dataset = useStudio((s) => s.config.dataset);
  // The settings with the data and the loaded teacher in use, as Start builds them.
  const experiment = useSettledExperiment();
  const problem = methodProblem(experiment, currentMeta({ dataset }).inputShape);
  return problem ? (
    <p role="alert" className="error">
      {methodProblemText(problem, t)}
    </p>
  ) : null;
}
