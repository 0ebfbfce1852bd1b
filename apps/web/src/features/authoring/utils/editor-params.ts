/** Tab values as they appear in the editor's address (`?tab=noi-dung&bai=<lessonId>`). */
export const EDITOR_TABS = { info: 'thong-tin', content: 'noi-dung', learners: 'hoc-vien' } as const;
export type EditorTab = (typeof EDITOR_TABS)[keyof typeof EDITOR_TABS];
export const TAB_PARAM = 'tab';
export const LESSON_PARAM = 'bai';

export function isEditorTab(value: string | null): value is EditorTab {
  return value !== null && (Object.values(EDITOR_TABS) as string[]).includes(value);
}

/** The search part that opens `lessonId` in the content tab, keeping the other parameters. */
export function lessonSearch(current: URLSearchParams, lessonId: string): string {
  const params = new URLSearchParams(current);
  params.set(TAB_PARAM, EDITOR_TABS.content);
  params.set(LESSON_PARAM, lessonId);
  return `?${params.toString()}`;
}
