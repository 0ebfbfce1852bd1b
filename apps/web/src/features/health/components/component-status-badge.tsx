import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@/components/ui/status-badge';
import type { HealthComponent } from '../utils/format';

export function ComponentStatusBadge({ status }: { status: HealthComponent['status'] }) {
  const { t } = useTranslation();
  return <StatusBadge tone={status === 'up' ? 'success' : 'danger'}>{t(`health.componentStatus.${status}`)}</StatusBadge>;
}
