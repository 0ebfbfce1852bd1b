import '@mantine/tiptap/styles.css';
import { Button, Popover, Stack, Text, TextInput } from '@mantine/core';
import { Link, RichTextEditor, type RichTextEditorLabels } from '@mantine/tiptap';
import { IconPhoto } from '@tabler/icons-react';
import Image from '@tiptap/extension-image';
import { useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUploadLessonImage } from '../api/upload-lesson-image';
import { authoringErrorMessage } from '../utils/errors';
import { checkCoverFile, COVER_ACCEPT } from '../utils/files';
import { FileField } from './file-field';
import classes from './authoring.module.css';

export interface LessonTextEditorOptions {
  content: string;
  editable: boolean;
  /** id of the visible label of the editing area. */
  labelId: string;
  /** The editor's HTML once it is ready (what "unchanged" means). */
  onCreate: (html: string) => void;
  onChange: (html: string) => void;
}

/**
 * A Tiptap editor limited to what the server keeps when it sanitizes a text lesson: headings,
 * paragraphs, bold and italic, lists, links and pictures uploaded to the course.
 */
export function useLessonTextEditor({ content, editable, labelId, onCreate, onChange }: LessonTextEditorOptions): Editor | null {
  const callbacks = useRef({ onCreate, onChange });
  useEffect(() => {
    callbacks.current = { onCreate, onChange };
  }, [onCreate, onChange]);
  return useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        // Dropped by the server's sanitizer, so not offered.
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        // Mantine's Link (below) adds the Mod+K shortcut its link control uses.
        link: false,
      }),
      Link.configure({ openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] }),
      Image.configure({ inline: false, allowBase64: false }),
    ],
    content,
    editable,
    // The toolbar shows which formats are active: it re-renders with the selection.
    shouldRerenderOnTransaction: true,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
      },
    },
    onCreate: ({ editor }) => callbacks.current.onCreate(editor.getHTML()),
    onUpdate: ({ editor }) => callbacks.current.onChange(editor.getHTML()),
  });
}

export interface LessonRichTextProps {
  editor: Editor | null;
  /** Pictures are uploaded to this course. */
  courseId: string;
  labelId: string;
  label: string;
  description?: string;
}

/** The editing area with its toolbar; the label names the editable region for assistive technology. */
export function LessonRichText({ editor, courseId, labelId, label, description }: LessonRichTextProps) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const editable = editor?.isEditable ?? false;
  return (
    <Stack gap={6}>
      <div>
        <Text id={labelId} fw={500} size="sm">
          {label}
        </Text>
        {description ? (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        ) : null}
      </div>
      <RichTextEditor editor={editor} labels={labels}>
        {editable ? (
          <RichTextEditor.Toolbar sticky stickyOffset={60} role="group" aria-label={t('authoring.richText.toolbar')}>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Bold />
              <RichTextEditor.Italic />
              <RichTextEditor.ClearFormatting />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.H2 />
              <RichTextEditor.H3 />
              <RichTextEditor.H4 />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.BulletList />
              <RichTextEditor.OrderedList />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Link />
              <RichTextEditor.Unlink />
              <InsertImageControl editor={editor} courseId={courseId} />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Undo />
              <RichTextEditor.Redo />
            </RichTextEditor.ControlsGroup>
          </RichTextEditor.Toolbar>
        ) : null}
        <RichTextEditor.Content className={classes.editorContent} />
      </RichTextEditor>
    </Stack>
  );
}

/**
 * Inserts a picture uploaded to the course (our CSP serves images from this site only, and a
 * third-party address would tell another site who reads the lesson), with a text alternative for
 * people who cannot see it.
 */
function InsertImageControl({ editor, courseId }: { editor: Editor | null; courseId: string }) {
  const { t } = useTranslation();
  const upload = useUploadLessonImage();
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    setOpened(false);
    setFile(null);
    setAlt('');
    setProblem(null);
    upload.reset();
  };

  const choose = (chosen: File) => {
    const found = checkCoverFile(chosen);
    setProblem(found ? t(`authoring.cover.problems.${found}`) : null);
    setFile(found ? null : chosen);
    upload.reset();
  };

  const insert = (event: { preventDefault: () => void; stopPropagation: () => void }) => {
    event.preventDefault();
    event.stopPropagation();
    if (!file) {
      setProblem(t('authoring.richText.imageMissing'));
      return;
    }
    upload.mutate(
      { courseId, file },
      {
        onSuccess: ({ url }) => {
          editor?.chain().focus().setImage({ src: url, alt: alt.trim() }).run();
          close();
        },
      },
    );
  };

  return (
    <Popover opened={opened} onChange={(value) => (value ? setOpened(true) : close())} trapFocus position="bottom" shadow="md" withinPortal>
      <Popover.Target>
        <RichTextEditor.Control aria-label={t('authoring.richText.image')} title={t('authoring.richText.image')} onClick={() => (opened ? close() : setOpened(true))}>
          <IconPhoto size={16} stroke={1.5} aria-hidden="true" />
        </RichTextEditor.Control>
      </Popover.Target>
      <Popover.Dropdown>
        {/* Not a nested <form>: the lesson form surrounds the editor. */}
        <Stack gap="xs" w={280} role="group" aria-label={t('authoring.richText.image')}>
          <FileField label={t('authoring.richText.imageFile')} description={t('authoring.cover.hint')} error={problem ?? undefined} accept={COVER_ACCEPT} disabled={upload.isPending} onFile={choose} />
          <TextInput
            label={t('authoring.richText.imageAlt')}
            value={alt}
            onChange={(event) => setAlt(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && insert(event)}
            size="sm"
          />
          {upload.isError ? (
            <Text size="sm" c="red.9" role="alert">
              {authoringErrorMessage(upload.error, t)}
            </Text>
          ) : null}
          <Button size="xs" onClick={insert} loading={upload.isPending}>
            {t('authoring.richText.insert')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function useEditorLabels(): Partial<RichTextEditorLabels> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      boldControlLabel: t('authoring.richText.bold'),
      italicControlLabel: t('authoring.richText.italic'),
      clearFormattingControlLabel: t('authoring.richText.clearFormatting'),
      h2ControlLabel: t('authoring.richText.h2'),
      h3ControlLabel: t('authoring.richText.h3'),
      h4ControlLabel: t('authoring.richText.h4'),
      bulletListControlLabel: t('authoring.richText.bulletList'),
      orderedListControlLabel: t('authoring.richText.orderedList'),
      linkControlLabel: t('authoring.richText.link'),
      unlinkControlLabel: t('authoring.richText.unlink'),
      undoControlLabel: t('authoring.richText.undo'),
      redoControlLabel: t('authoring.richText.redo'),
      linkEditorInputLabel: t('authoring.richText.linkUrl'),
      linkEditorInputPlaceholder: 'https://',
      linkEditorExternalLink: t('authoring.richText.linkExternal'),
      linkEditorInternalLink: t('authoring.richText.linkInternal'),
      linkEditorSave: t('authoring.richText.linkSave'),
    }),
    [t],
  );
}
