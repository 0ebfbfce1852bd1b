// Public surface of the auth feature; app/ imports only from here.
export { changePassword, useChangePassword } from './api/change-password';
export { forgotPassword, useForgotPassword } from './api/forgot-password';
export { communesQueryKey, getCommunes, getCommunesQueryOptions, useCommunes } from './api/get-communes';
export { getMe, getMeQueryOptions, meQueryKey, useMe } from './api/get-me';
export { getOidcConfig, getOidcConfigQueryOptions, OIDC_START_URL, oidcConfigQueryKey, useOidcConfig } from './api/get-oidc-config';
export { login, useLogin } from './api/login';
export { register, useRegister } from './api/register';
export { resetPassword, useResetPassword } from './api/reset-password';
export { ChangePasswordForm } from './components/change-password-form';
export { ForgotPasswordForm } from './components/forgot-password-form';
export { ProfileCard } from './components/profile-card';
export { RegisterForm } from './components/register-form';
export { ResetPasswordForm } from './components/reset-password-form';
export { SignInForm } from './components/sign-in-form';
export { SsoSignIn } from './components/sso-sign-in';
export { getAuthErrorMessage } from './utils/auth-error';
export { readSsoNext } from './utils/sso-next';
