// Public surface of the authoring feature; app/ imports only from here.
export { getCourse, getCourseQueryOptions, useCourse } from './api/get-course';
export { authoringQueryKeys, type MyCoursesParams } from './api/keys';
export { getMyCoursesQueryOptions, listMyCourses, useMyCourses } from './api/list-my-courses';
export { CourseCreateForm } from './components/course-create-form';
export { CourseEditor } from './components/course-editor';
export { MyCoursesList } from './components/my-courses-list';
export { MY_COURSES_PAGE_SIZE, myCoursesParamsFromSearch } from './utils/list-params';
