import { useEffect, useRef } from 'react';
import videojs from 'video.js';
import videojsVi from 'video.js/dist/lang/vi.json';
import 'video.js/dist/video-js.css';
import type { PlayerLike } from '../utils/player';
import { vhsStartOptions } from '../utils/network';
import classes from './learning.module.css';

videojs.addLanguage('vi', videojsVi);

export interface VideoPlayerProps {
  hlsUrl: string | null;
  mp4Url: string | null;
  posterUrl: string | null;
  captionsUrl: string | null;
  captionsLabel: string;
  /** "vi" or "en": video.js's own control labels. */
  language: string;
  /** Receives the player once created, and null before it is disposed. */
  onPlayer: (player: PlayerLike | null) => void;
}

/**
 * A video.js 8 player. video.js owns its DOM, so React renders an empty container and the effect
 * creates the `<video-js>` element inside it; the cleanup disposes the player (which removes that
 * element). Under StrictMode the effect runs twice in development: the first player is disposed
 * and a second one is created, which is the supported way to use video.js with React.
 *
 * Sources: HLS first (VHS plays it through Media Source Extensions, or Safari natively), then the
 * 360p MP4 for browsers that can do neither.
 */
export default function VideoPlayer({ hlsUrl, mp4Url, posterUrl, captionsUrl, captionsLabel, language, onPlayer }: VideoPlayerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const onPlayerRef = useRef(onPlayer);
  useEffect(() => {
    onPlayerRef.current = onPlayer;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const element = document.createElement('video-js');
    element.classList.add('vjs-big-play-centered');
    // Inline playback on iPhones instead of forced full screen.
    element.setAttribute('playsinline', '');
    container.appendChild(element);

    const sources = [
      ...(hlsUrl ? [{ src: hlsUrl, type: 'application/x-mpegURL' }] : []),
      ...(mp4Url ? [{ src: mp4Url, type: 'video/mp4' }] : []),
    ];
    const player = videojs(element, {
      controls: true,
      preload: 'auto',
      fluid: true,
      aspectRatio: '16:9',
      language,
      poster: posterUrl ?? undefined,
      playbackRates: [0.75, 1, 1.25, 1.5, 2],
      sources,
      html5: { vhs: vhsStartOptions() },
    });
    if (captionsUrl) player.addRemoteTextTrack({ kind: 'captions', src: captionsUrl, srclang: 'vi', label: captionsLabel, default: false }, false);
    onPlayerRef.current(player as unknown as PlayerLike);

    return () => {
      onPlayerRef.current(null);
      if (!player.isDisposed()) player.dispose();
    };
  }, [hlsUrl, mp4Url, posterUrl, captionsUrl, captionsLabel, language]);

  return <div ref={containerRef} className={classes.player} />;
}
