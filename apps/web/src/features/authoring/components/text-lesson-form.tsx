import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LessonFormLayout, useLessonForm, type LessonFormProps } from './lesson-form';
import { LessonRichText, useLessonTextEditor } from './lesson-rich-text';

/**
 * A text lesson: title, "required" and the rich-text editor. Loaded on its own (lesson-editor.tsx)
 * because the editor brings Tiptap and ProseMirror, which no other page needs.
 */
export function TextLessonForm(props: LessonFormProps) {
  const { t } = useTranslation();
  const state = useLessonForm(props);
  const labelId = useId();
  // What the editor showed when it opened (or after the last save): "changed" compares with it.
  const [baseline, setBaseline] = useState<string | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const editor = useLessonTextEditor({
    content: props.lesson.textHtml ?? '',
    editable: !props.readOnly,
    labelId,
    onCreate: setBaseline,
    onChange: setHtml,
  });
  const textDirty = html !== null && html !== baseline;

  const submit = () => {
    const current = editor?.getHTML() ?? '';
    state.save({ textHtml: current }, () => {
      setBaseline(current);
      setHtml(current);
    });
  };

  return (
    <LessonFormLayout state={state} dirty={state.detailsDirty || textDirty} readOnly={props.readOnly} saveLabel={t('authoring.lesson.saveText')} onSubmit={submit}>
      <LessonRichText editor={editor} courseId={props.course.id} labelId={labelId} label={t('authoring.lesson.text')} description={props.readOnly ? undefined : t('authoring.lesson.textHint')} />
    </LessonFormLayout>
  );
}
