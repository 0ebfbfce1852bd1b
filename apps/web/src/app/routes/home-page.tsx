import { Anchor, Button, Card, Flex, Grid, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCertificate, IconDeviceMobile, IconUsersGroup } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { HealthSummaryCard } from '@/features/health';
import { useSession } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

const pillars = [
  { key: 'residents', Icon: IconDeviceMobile },
  { key: 'officials', Icon: IconUsersGroup },
  { key: 'certificates', Icon: IconCertificate },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const pillarsTitleId = useId();
  const { user } = useSession();
  useDocumentTitle();

  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.lead')}>
        <Group gap="md">
          {user ? (
            <Button component={Link} to={paths.catalog}>
              {t('home.browseCourses')}
            </Button>
          ) : (
            <Button component={Link} to={paths.register}>
              {t('home.startLearning')}
            </Button>
          )}
          <Anchor component={Link} to={paths.about} fw={600}>
            {t('home.learnMore')}
          </Anchor>
        </Group>
      </PageHeader>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack component="section" aria-labelledby={pillarsTitleId} gap="md">
            <Title order={2} id={pillarsTitleId}>
              {t('home.pillarsTitle')}
            </Title>
            {pillars.map(({ key, Icon }) => (
              <Card key={key} withBorder radius="md" padding="lg">
                <Flex direction={{ base: 'column', xs: 'row' }} align="flex-start" gap="md">
                  <ThemeIcon size={48} radius="md" variant="light" color="blue.9" aria-hidden="true">
                    <Icon size={28} />
                  </ThemeIcon>
                  <div>
                    <Title order={3} size="h4" mb={6}>
                      {t(`home.pillars.${key}.title`)}
                    </Title>
                    <Text>{t(`home.pillars.${key}.body`)}</Text>
                  </div>
                </Flex>
              </Card>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HealthSummaryCard detailsPath={paths.status} />
        </Grid.Col>
      </Grid>
    </>
  );
}
