/**
 * The agent REST API over fetch: sign-in (password, then a second factor when it is on), sign-out,
 * who am I, the forgotten password, and the signed-in agent's own password and two-factor sign-in.
 */
import type {
  Agent,
  EnrolledSignIn,
  LoginRequest,
  LoginResponse,
  PasswordChange,
  PasswordForgot,
  PasswordReset,
  PasswordSignInResponse,
  RecoveryCodes,
  SecondFactorRequest,
  TwoFactorDisable,
  TwoFactorEnrolment,
  TwoFactorStatus,
} from '@parley/shared';
import { fetcher, requestJson, type JsonRequest } from './json-request';

export interface RestClientOptions {
  /** Origin + prefix of the API; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface RestClient {
  login(credentials: LoginRequest): Promise<PasswordSignInResponse>;
  completeSecondFactor(request: SecondFactorRequest): Promise<LoginResponse>;
  /** The site requires two-step sign-in and this agent has not set it up: enrolment on the challenge. */
  beginChallengeEnrolment(challenge: string): Promise<TwoFactorEnrolment>;
  completeChallengeEnrolment(request: SecondFactorRequest): Promise<EnrolledSignIn>;
  logout(token: string): Promise<void>;
  me(token: string): Promise<Agent>;
  forgotPassword(request: PasswordForgot): Promise<void>;
  resetPassword(request: PasswordReset): Promise<void>;
  changePassword(token: string, change: PasswordChange): Promise<void>;
  twoFactorStatus(token: string): Promise<TwoFactorStatus>;
  beginTwoFactor(token: string): Promise<TwoFactorEnrolment>;
  confirmTwoFactor(token: string, code: string): Promise<RecoveryCodes>;
  disableTwoFactor(token: string, input: TwoFactorDisable): Promise<void>;
}

export function createRestClient(options: RestClientOptions = {}): RestClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = fetcher(options.fetch);
  const request = <T>(path: string, init: JsonRequest) =>
    requestJson<T>(doFetch, `${baseUrl}/api/agent${path}`, init);

  return {
    login: (credentials) => request<PasswordSignInResponse>('/login', { method: 'POST', body: credentials }),
    completeSecondFactor: (body) => request<LoginResponse>('/login/second-factor', { method: 'POST', body }),
    beginChallengeEnrolment: (challenge) => request<TwoFactorEnrolment>('/login/enrolment', { method: 'POST', body: { challenge } }),
    completeChallengeEnrolment: (body) => request<EnrolledSignIn>('/login/enrolment/confirm', { method: 'POST', body }),
    logout: (token) => request<void>('/logout', { method: 'POST', token }),
    me: async (token) => (await request<{ agent: Agent }>('/me', { method: 'GET', token })).agent,
    forgotPassword: async (body) => {
      await request<unknown>('/password/forgot', { method: 'POST', body });
    },
    resetPassword: (body) => request<void>('/password/reset', { method: 'POST', body }),
    changePassword: (token, body) => request<void>('/account/password', { method: 'POST', token, body }),
    twoFactorStatus: (token) => request<TwoFactorStatus>('/account/two-factor', { method: 'GET', token }),
    beginTwoFactor: (token) => request<TwoFactorEnrolment>('/account/two-factor/enrolment', { method: 'POST', token, body: {} }),
    confirmTwoFactor: (token, code) =>
      request<RecoveryCodes>('/account/two-factor/enrolment/confirm', { method: 'POST', token, body: { code } }),
    disableTwoFactor: (token, body) => request<void>('/account/two-factor/disable', { method: 'POST', token, body }),
  };
}
