import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@/components/ui/status-badge';
import type { UserStatus } from '../api/keys';

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return <StatusBadge tone={status === 'active' ? 'success' : 'neutral'}>{t(`users.status.${status}`)}</StatusBadge>;
}
