// Public surface of the learning feature; app/ imports only from here.
export { enrol, unenrol, useEnrol, useUnenrol } from './api/enrol';
export { completeLesson, useCompleteLesson } from './api/complete-lesson';
export { getCatalogCourse, getCatalogCourseQueryOptions, useCatalogCourse } from './api/get-catalog-course';
export { getCourseProgress, getCourseProgressQueryOptions, useCourseProgress } from './api/get-course-progress';
export { getCoursePreview, getCoursePreviewQueryOptions, useCoursePreview } from './api/get-course-preview';
export { getLearnerLesson, getLearnerLessonQueryOptions, useLearnerLesson } from './api/get-learner-lesson';
export { getMediaPlayback, getMediaPlaybackQueryOptions, useMediaPlayback } from './api/get-media-playback';
export { getMyLearning, getMyLearningQueryOptions, useMyLearning } from './api/get-my-learning';
export { learningQueryKeys, type CatalogParams } from './api/keys';
export { getCatalogCategoriesQueryOptions, getCatalogQueryOptions, listCatalog, useCatalog, useCatalogCategories } from './api/list-catalog';
export { sendHeartbeat } from './api/send-heartbeat';
export { CATALOG_SEARCH_DEBOUNCE_MS, CatalogList } from './components/catalog-list';
export { CourseOverview } from './components/course-overview';
export { CoursePreview } from './components/course-preview';
export { LearnerLessonView } from './components/learner-lesson-view';
export { MyLearningList } from './components/my-learning-list';
export { CATALOG_PAGE_SIZE, catalogParamsFromSearch } from './utils/catalog-params';
