// Public surface of the users feature; app/ imports only from here.
export { createUser, useCreateUser } from './api/create-user';
export { forceReset, useForceReset } from './api/force-reset';
export { getUser, getUserQueryOptions, useUser } from './api/get-user';
export { usersQueryKeys, type UserListParams, type UserStatus } from './api/keys';
export { getUsersQueryOptions, listUsers, useUsers } from './api/list-users';
export { permitSsoLink, usePermitSsoLink } from './api/permit-sso-link';
export { updateUser, useUpdateUser } from './api/update-user';
export { UserCreateForm } from './components/user-create-form';
export { UserDetailView } from './components/user-detail';
export { UserList, USER_SEARCH_DEBOUNCE_MS } from './components/user-list';
export { userListParamsFromSearch, USERS_PAGE_SIZE } from './utils/list-params';
