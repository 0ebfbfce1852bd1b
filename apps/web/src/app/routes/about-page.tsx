import { Card, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconCode,
  IconPresentation,
  IconSettings,
  IconSpeakerphone,
  IconUser,
} from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { useDocumentTitle } from '@/lib/use-document-title';

const purposes = ['skills', 'training', 'certificates'] as const;

const audiences = [
  { key: 'residents', Icon: IconUser },
  { key: 'officials', Icon: IconSpeakerphone },
  { key: 'trainers', Icon: IconPresentation },
  { key: 'managers', Icon: IconBuildingCommunity },
  { key: 'admins', Icon: IconSettings },
] as const;

export function AboutPage() {
  const { t } = useTranslation();
  const purposeId = useId();
  const usersId = useId();
  const openSourceId = useId();
  useDocumentTitle(t('about.title'));

  return (
    <>
      <PageHeader title={t('about.title')} description={t('about.lead')} />

      <Stack gap="xl">
        <section aria-labelledby={purposeId}>
          <Title order={2} id={purposeId} mb="sm">
            {t('about.purposeTitle')}
          </Title>
          <List spacing="xs" size="md" maw="70ch">
            {purposes.map((key) => (
              <List.Item key={key}>{t(`about.purpose.${key}`)}</List.Item>
            ))}
          </List>
        </section>

        <section aria-labelledby={usersId}>
          <Title order={2} id={usersId} mb="md">
            {t('about.usersTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {audiences.map(({ key, Icon }) => (
              <Card key={key} withBorder radius="md" padding="lg">
                <ThemeIcon size={40} radius="md" variant="light" color="blue.9" aria-hidden="true" mb="sm">
                  <Icon size={24} />
                </ThemeIcon>
                <Title order={3} size="h4" mb="xs">
                  {t(`about.users.${key}.title`)}
                </Title>
                <Text>{t(`about.users.${key}.body`)}</Text>
              </Card>
            ))}
          </SimpleGrid>
        </section>

        <section aria-labelledby={openSourceId}>
          <Title order={2} id={openSourceId} mb="sm">
            <ThemeIcon size={32} radius="md" variant="light" color="blue.9" aria-hidden="true" mr="xs" component="span">
              <IconCode size={20} />
            </ThemeIcon>
            {t('about.openSourceTitle')}
          </Title>
          <Text maw="70ch">{t('about.openSourceBody')}</Text>
        </section>
      </Stack>
    </>
  );
}
