import { Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlayerLike, QualityLevelListLike } from '../utils/player';

interface QualityState {
  /** Rendition heights on offer, highest first. */
  heights: number[];
  /** Height of the rendition playing now, when known. */
  playing: number | null;
}

const AUTO = 'auto';

function readLevels(levels: QualityLevelListLike): QualityState {
  const heights = new Set<number>();
  for (let i = 0; i < levels.length; i++) {
    const height = levels[i]?.height;
    if (height) heights.add(height);
  }
  const current = levels.selectedIndex >= 0 ? levels[levels.selectedIndex]?.height : undefined;
  return { heights: [...heights].sort((a, b) => b - a), playing: current ?? null };
}

/**
 * Picks the rendition: "Tự động" lets VHS adapt to the connection; a height keeps only that
 * rendition enabled. Built from the player's quality levels (video.js 8 bundles the plugin), so it
 * stays hidden where there is no choice (Safari's native HLS, the MP4 fallback, a single rendition).
 */
export function QualitySelect({ player }: { player: PlayerLike | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<QualityState>({ heights: [], playing: null });
  const [choice, setChoice] = useState(AUTO);

  useEffect(() => {
    const levels = player?.qualityLevels?.();
    if (!player || !levels) return;
    const refresh = () => setState(readLevels(levels));
    levels.on('addqualitylevel', refresh);
    levels.on('removequalitylevel', refresh);
    levels.on('change', refresh);
    refresh();
    return () => {
      if (player.isDisposed()) return;
      levels.off('addqualitylevel', refresh);
      levels.off('removequalitylevel', refresh);
      levels.off('change', refresh);
    };
  }, [player]);

  if (!player?.qualityLevels || state.heights.length < 2) return null;

  const choose = (value: string | null) => {
    const next = value ?? AUTO;
    setChoice(next);
    const levels = player.qualityLevels?.();
    if (!levels) return;
    const height = next === AUTO ? null : Number(next);
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      if (level) level.enabled = height === null || level.height === height;
    }
  };

  const data = [{ value: AUTO, label: t('learning.video.qualityAuto') }, ...state.heights.map((height) => ({ value: String(height), label: `${height}p` }))];
  return (
    <div>
      <Select
        label={t('learning.video.quality')}
        data={data}
        value={choice}
        onChange={choose}
        allowDeselect={false}
        w={{ base: '100%', xs: 220 }}
        comboboxProps={{ withinPortal: true }}
      />
      {state.playing ? (
        <Text size="sm" c="dimmed" mt={4}>
          {t('learning.video.qualityPlaying', { quality: `${state.playing}p` })}
        </Text>
      ) : null}
    </div>
  );
}
