import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { AccuracyChart } from './charts/AccuracyChart';
import { LossChart } from './charts/LossChart';
import { ChartWarmup } from './charts/ChartWarmup';
import { DataControls } from './controls/DataControls';
import { DistillControls } from './controls/DistillControls';
import { ExperimentControls } from './controls/ExperimentControls';
import { TeamControls } from './controls/TeamControls';
import { LiveControls } from './controls/LiveControls';
import { ModelControls } from './controls/ModelControls';
import { TrainingControls } from './controls/TrainingControls';
import { ResultsTable } from './results/ResultsTable';
import { SamplePredictions } from './results/SamplePredictions';
import { SeedsTable } from './results/SeedsTable';
import { SweepChart } from './charts/SweepChart';
import { CompareMethodsTable } from './results/CompareMethodsTable';
import { MethodBars } from './charts/MethodBars';
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
import { RunProgress } from './progress/RunProgress';
import { useTitleProgress } from './progress/useTitleProgress';
import { useHistoryAutosave } from './history/autosave';
import { SettingsToggle } from './layout/SettingsToggle';
import { ViewPanel, ViewTabs } from './layout/ViewTabs';
import { useLayout } from './layout/layoutStore';
import { useLessonView } from './layout/useLessonView';
import { TryItPanel } from './tryit/TryItPanel';


/**
 * The studio: the lesson controls (Start, T, α, the lesson card) and the full settings on the left; the status,
 * the run's progress and named views (Train, Data, Dark knowledge, Export, History) on the right.
 */
export function App() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <StudioEffects />
      <ChartWarmup />
      <header>
        <div>
          <h1>{t('title')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <HeaderTools />
      </header>
      <aside className="controls" aria-label={t('settings')}>
        <RunButtons />
        <Hideable id="distillation">
          <LiveControls />
        </Hideable>
        <Hideable id="lessons">
          <LessonsPanel />
        </Hideable>
        <SettingsToggle />
        <AllSettings />
      </aside>
      <main>
        <StatusBar />
        <RunProgress />
        <ShareNotices />
        <RecoveryPanel />
        <ViewTabs />
        <ViewPanel view="train">
          <div className="chart-pair">
            <LossChart />
            <AccuracyChart />
          </div>
          <ResultsTable />
          <SeedsTable />
          <SweepChart />
          <CompareMethodsTable />
          <MethodBars />
          <LatencyTable />
          <SamplePredictions />
        </ViewPanel>
        <ViewPanel view="data">
          <ScatterPlot />
          <Hideable id="boundaries">
            <DecisionBoundaries />
          </Hideable>
          <Gallery />
        </ViewPanel>
        <ViewPanel view="knowledge">
          <TryItPanel />
          <Hideable id="classroom">
            <ClassroomPanels />
          </Hideable>
        </ViewPanel>
        <ViewPanel view="export">
          <Hideable id="export">
            <ExportPanel />
          </Hideable>
        </ViewPanel>
        <ViewPanel view="history">
          <Hideable id="history">
            <HistoryPanel />
          </Hideable>
        </ViewPanel>
      </main>
    </div>
  );
}

/**
 * The full settings, locked while a run is on. One `<fieldset disabled>` locks every control inside at once, in the
 * Start click's own render, without re-rendering them. The panels' own `locked` props (their messages, and the
 * controls' state once the fieldset is gone) follow as a deferred value: the click's render keeps the same panel
 * elements, and React re-renders them in a background render that it splits into short slices.
 */
function AllSettings() {
  const settingsOpen = useLayout((s) => s.settingsOpen);
  const lockedNow = useStudio((s) => !isFinished(s.run.status));
  const locked = useDeferredValue(lockedNow);
  const panels = useMemo(
    () => (
      <>
        <Hideable id="data">
          <DataControls locked={locked} />
        </Hideable>
        <Hideable id="models">
          <ModelControls locked={locked} />
          <Hideable id="teacherFile">
            <TeacherLoader locked={locked} />
          </Hideable>
          <TeamControls locked={locked} />
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
      </>
    ),
    [locked],
  );
  return (
    <div id="all-settings" className="all-settings" hidden={!settingsOpen}>
      <fieldset className="settings-lock" disabled={lockedNow}>
        {panels}
      </fieldset>
    </div>
  );
}

/**
 * The studio's page-wide hooks. A component of their own, so the settings and run-state changes they follow re-render
 * nothing else (in `App` they would re-render the whole page: Start flips the backend warm-up's idle flag).
 */
function StudioEffects(): null {
  useSpaceToggle();
  usePrepareBackend();
  useTitleProgress();
  // Here, not in the History view: a closed view renders nothing, and every finished run is still saved.
  useHistoryAutosave();
  useLessonView();
  return null;
}
