import type { CourseStatus } from '@bdhv/contracts';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '@/components/ui/status-badge';

const tone: Record<CourseStatus, StatusTone> = { draft: 'neutral', published: 'success', archived: 'neutral' };

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  const { t } = useTranslation();
  return <StatusBadge tone={tone[status]}>{t(`authoring.status.${status}`)}</StatusBadge>;
}
