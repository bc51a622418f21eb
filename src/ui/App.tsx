import { useTranslation } from 'react-i18next';
import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { AccuracyChart } from './charts/AccuracyChart';
import { LossChart } from './charts/LossChart';
import { DataControls } from './controls/DataControls';
import { DistillControls } from './controls/DistillControls';
import { ExperimentControls } from './controls/ExperimentControls';
import { ModelControls } from './controls/ModelControls';
import { TrainingControls } from './controls/TrainingControls';
import { ResultsTable } from './results/ResultsTable';
import { SamplePredictions } from './results/SamplePredictions';
import { SeedsTable } from './results/SeedsTable';
import { SweepChart } from './charts/SweepChart';
import { RunButtons } from './RunButtons';
import { StatusBar } from './StatusBar';
import { RecoveryPanel } from './survive/RecoveryPanel';
import { Gallery } from './dataview/Gallery';
import { ScatterPlot } from './dataview/ScatterPlot';
import { LatencyTable } from './results/LatencyTable';
import { HistoryPanel } from './history/HistoryPanel';
import { DecisionBoundaries } from './boundaries/DecisionBoundaries';
import { LessonsPanel } from './lessons/LessonsPanel';
import { usePrepareBackend } from './usePrepareBackend';
import { ClassroomPanels } from './classroom/ClassroomPanels';
import { useSpaceToggle } from './useSpaceToggle';
import { ExportPanel } from './models/ExportPanel';
import { TeacherLoader } from './models/TeacherLoader';
import { HeaderTools } from './share/HeaderTools';
import { Hideable } from './share/Hideable';
import { ShareNotices } from './share/ShareNotices';

/** The studio: controls on the left, status, live charts and results on the right. */
export function App() {
  const { t } = useTranslation();
  const locked = useStudio((s) => !isFinished(s.run.status));
  useSpaceToggle();
  usePrepareBackend();
  return (
    <div className="app">
      <header>
        <div>
          <h1>{t('title')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <HeaderTools />
      </header>
      <aside className="controls" aria-label={t('settings')}>
        <Hideable id="lessons">
          <LessonsPanel />
        </Hideable>
        <RunButtons />
        <Hideable id="data">
          <DataControls locked={locked} />
        </Hideable>
        <Hideable id="models">
          <ModelControls locked={locked} />
          <Hideable id="teacherFile">
            <TeacherLoader locked={locked} />
          </Hideable>
        </Hideable>
        <Hideable id="distillation">
          <DistillControls locked={locked} />
        </Hideable>
        <Hideable id="training">
          <TrainingControls locked={locked} />
        </Hideable>
        <Hideable id="experiment">
          <ExperimentControls locked={locked} />
        </Hideable>
      </aside>
      <main>
        <StatusBar />
        <ShareNotices />
        <RecoveryPanel />
        <ScatterPlot />
        <Hideable id="boundaries">
          <DecisionBoundaries />
        </Hideable>
        <Gallery />
        <LossChart />
        <AccuracyChart />
        <ResultsTable />
        <Hideable id="classroom">
          <ClassroomPanels />
        </Hideable>
        <LatencyTable />
        <SeedsTable />
        <SweepChart />
        <SamplePredictions />
        <Hideable id="export">
          <ExportPanel />
        </Hideable>
        <Hideable id="history">
          <HistoryPanel />
        </Hideable>
      </main>
    </div>
  );
}
