import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { useStudio } from '../../store';
import type { BackendSwitch } from '../../store/runState';
import { phaseLabel } from './phaseLabel';

/** The sentence for one mid-run backend switch. */
function switchText(s: BackendSwitch): string {
  const from = s.from === 'webgpu' ? 'WebGPU' : s.from;
  const start = s.phase === null || s.epoch === 0;
  const key = s.cause === 'device-lost' ? (start ? 'switchDeviceLostStart' : 'switchDeviceLost') : start ? 'switchKernelStart' : 'switchKernel';
  return i18n.t(`survive:${key}`, { from, to: s.to, epoch: String(s.epoch), phase: s.phase ? phaseLabel(s.phase) : '' });
}

/** Backends the run left mid-way (lost device, missing kernel), in the status area. */
export function BackendSwitchNotes() {
  useTranslation('survive'); // re-render when the language changes
  const switches = useStudio((s) => s.run.switches);
  if (switches.length === 0) return null;
  return (
    <ul className="backend-switches">
      {switches.map((s, i) => (
        <li key={i}>{switchText(s)}</li>
      ))}
    </ul>
  );
}
