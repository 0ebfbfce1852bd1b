import { Badge, Group } from '@mantine/core';
import type { Audience, Role } from '@bdhv/contracts';
import { useTranslation } from 'react-i18next';

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} component="span">
      {roles.map((role) => (
        <Badge key={role} color="blue.9" variant="outline" radius="sm" tt="none">
          {t(`identity.roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function AudienceBadges({ audiences }: { audiences: readonly Audience[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} component="span">
      {audiences.map((audience) => (
        <Badge key={audience} color="gray.8" variant="outline" radius="sm" tt="none">
          {t(`identity.audiences.${audience}`)}
        </Badge>
      ))}
    </Group>
  );
}
