import { useTranslation } from 'react-i18next';
import { methodProblem } from '../../engine/train/methodProblems';
import { useStudio } from '../../store';
import { currentMeta } from '../../store/configSlice';
import { experimentOf } from '../../store/experimentOf';
import { methodProblemText } from './methodProblemText';

/** Why Start would refuse the DKD, standardisation, attention-transfer or RKD settings, in the chosen language (nothing when fine). */
export function MethodProblemNote() {
  const { t } = useTranslation();
  const config = useStudio((s) => s.config);
  const upload = useStudio((s) => s.upload);
  const models = useStudio((s) => s.models);
  // The settings with the data and the loaded teacher in use, as Start builds them.
  const problem = methodProblem(experimentOf({ config, upload, models }), currentMeta(config).inputShape);
  return problem ? (
    <p role="alert" className="error">
      {methodProblemText(problem, t)}
    </p>
  ) : null;
}
