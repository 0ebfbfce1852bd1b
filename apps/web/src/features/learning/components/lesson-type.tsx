import type { LessonType } from '@bdhv/contracts';
import { IconFileText, IconHelpCircle, IconPaperclip, IconPlayerPlay } from '@tabler/icons-react';

const icons = { video: IconPlayerPlay, text: IconFileText, attachment: IconPaperclip, quiz: IconHelpCircle } as const;

/** A lesson type's glyph; decorative, the type is always written next to it. */
export function LessonTypeIcon({ type, size = 18 }: { type: LessonType; size?: number }) {
  const Icon = icons[type];
  return <Icon size={size} aria-hidden="true" />;
}
