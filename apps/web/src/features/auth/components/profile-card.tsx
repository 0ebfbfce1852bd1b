import { Alert, Box, Card, Text, Title } from '@mantine/core';
import { formatVietnamesePhone, type Me } from '@bdhv/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AudienceBadges, RoleBadges } from '@/components/ui/identity-badges';
import classes from './profile-card.module.css';

export interface ProfileCardProps {
  user: Me;
}

/** The signed-in user's own details, as the platform knows them. */
export function ProfileCard({ user }: ProfileCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const notGiven = (
    <Text span c="dimmed">
      {t('auth.profile.notGiven')}
    </Text>
  );
  const rows: { key: string; label: string; value: ReactNode }[] = [
    { key: 'fullName', label: t('auth.fields.fullName'), value: user.fullName },
    { key: 'phone', label: t('auth.fields.phone'), value: user.phone ? formatVietnamesePhone(user.phone) : notGiven },
    { key: 'email', label: t('auth.fields.email'), value: user.email ?? notGiven },
    { key: 'unit', label: t('auth.profile.unit'), value: user.orgUnit.name },
    { key: 'roles', label: t('auth.profile.roles'), value: <RoleBadges roles={user.roles} /> },
    {
      key: 'audiences',
      label: t('auth.profile.audiences'),
      value: user.audiences.length > 0 ? <AudienceBadges audiences={user.audiences} /> : notGiven,
    },
  ];

  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
      <Title order={2} id={titleId} mb="md">
        {t('auth.profile.title')}
      </Title>
      {user.mustChangePassword ? (
        <Alert color="orange.9" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} mb="md">
          <Text size="sm" c="gray.9">
            {t('auth.profile.mustChangePassword')}
          </Text>
        </Alert>
      ) : null}
      <Box component="dl" className={classes.list}>
        {rows.map((row) => (
          <div key={row.key} className={classes.row} data-field={row.key}>
            <Text component="dt" fw={600}>
              {row.label}
            </Text>
            <Box component="dd" className={classes.value}>
              {row.value}
            </Box>
          </div>
        ))}
      </Box>
    </Card>
  );
}
