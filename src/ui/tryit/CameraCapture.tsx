import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Why the live camera cannot be used: no camera API here (or not a secure page), permission refused, no camera, or another failure. */
export type CameraProblem = 'unavailable' | 'denied' | 'noCamera' | 'failed';

/** The camera problem a `getUserMedia` rejection means. */
export function cameraProblemOf(e: unknown): CameraProblem {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  return 'failed';
}

/** The live camera: starts on demand, shows the video, and hands a still frame over as PNG bytes; stops when closed or unmounted. */
export function CameraCapture({ onPicture }: { onPicture: (bytes: ArrayBuffer, name: string) => void }) {
  const { t } = useTranslation('glance');
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const start = async () => {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('unavailable');
      return;
    }
    setStarting(true);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }));
    } catch (e) {
      setProblem(cameraProblemOf(e));
    } finally {
      setStarting(false);
    }
  };
  const snap = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => void blob?.arrayBuffer().then((b) => onPicture(b, t('tryit.cameraFrame'))), 'image/png');
  };
  return (
    <div className="camera">
      {stream ? (
        <>
          <video ref={video} className="camera-video" autoPlay playsInline muted aria-label={t('tryit.cameraVideo')} />
          <div className="pair">
            <button type="button" onClick={snap}>
              {t('tryit.cameraSnap')}
            </button>
            <button type="button" onClick={() => setStream(null)}>
              {t('tryit.cameraStop')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => void start()} disabled={starting}>
          {t('tryit.cameraStart')}
        </button>
      )}
      {problem ? (
        <p className="field-error" role="alert">
          {t(`tryit.camera.${problem}`)}
        </p>
      ) : null}
    </div>
  );
}
