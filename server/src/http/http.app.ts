/** The Express app: security headers, JSON bodies, routers, and one error handler. */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AgentAdminService } from '../domain/agent-admin.service';
import type { AnalyticsService } from '../domain/analytics.service';
import type { AuthService } from '../domain/auth.service';
import { createAdminRouter } from './admin.router';
import { createPrivacyRouter } from './privacy.router';
import type { PrivacyService } from '../domain/privacy.service';
import { createAnalyticsRouter } from './analytics.router';
import type { TicketService } from '../domain/ticket.service';
import { createTicketPageRouter } from './ticket-page.router';
import type { KnowledgeBaseServices } from '../domain/kb-services';
import { createHelpCentreRouter } from './help-centre.router';
import { createKnowledgeBaseRouter } from './knowledge-base.router';
import type { SiteConfigService } from '../domain/site-config.service';
import { createWidgetConfigRouter } from './widget-config.router';
import type { Store } from '../store/store';
import type { SignInGuard } from '../security/sign-in-guard';
import { identitySecretOf } from '../security/identity-signature';
import { countErrorResponses, serveMetrics } from '../metrics/http-metrics';
import type { MetricsEndpoint, ServerMetrics } from '../metrics/metrics.port';
import { createAgentAuthRouter } from './agent-auth.router';
import { createAgentAccountRouter } from './agent-account.router';
import type { AgentPasswordService } from '../domain/agent-password.service';
import type { TwoFactorService } from '../domain/two-factor.service';
import type { CredentialLimits } from '../security/credential-limits';
import { createAttachmentsRouter, type AttachmentsRouterDeps } from './attachments.router';
import { createErrorHandler } from './http-errors';
import type { PlatformServices } from '../api/api-services';
import { createPlatformRouter } from '../api/platform-router';
import { createStaticRouter, type StaticRoots } from './static.router';
import type { PublicFormLimits } from '../security/public-form-limits';

export interface HttpAppDeps {
  store: Store;
  auth: AuthService;
  /** Sign-in under rate limits and lockout. */
  signIn: SignInGuard;
  admin: AgentAdminService;
  /** Password changes and resets, two-factor sign-in, and their rate limits. */
  credentials: { passwords: AgentPasswordService; twoFactor: TwoFactorService; limits: CredentialLimits };
  tickets: TicketService;
  /** How fast the public pages' forms may be sent (ticket page replies, help-centre votes). */
  publicFormLimits: PublicFormLimits;
  siteConfig: SiteConfigService;
  knowledgeBase: KnowledgeBaseServices;
  /** POST/GET /api/attachments. */
  attachments: Omit<AttachmentsRouterDeps, 'auth' | 'apiTokens'>;
  /** The REST API (/api/v1), API tokens, webhooks, /api/openapi.json and /api/docs; absent: none of them. */
  platform?: PlatformServices;
  analytics: AnalyticsService;
  /** Contact export and erasure (/api/admin/privacy). */
  privacy: PrivacyService;
  logger: Logger;
  staticRoots: StaticRoots;
  publicUrl: string;
  /** False until the store is open; /healthz says so. */
  isReady: () => boolean;
  /** GET /metrics and error counting; absent: neither. */
  metrics?: ServerMetrics & MetricsEndpoint;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', (_req, res) => {
    if (deps.isReady()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'starting' });
  });
  // Prometheus text for scrapers; keep it off the public internet at the proxy (docs/deploy.md).
  if (deps.metrics) app.get('/metrics', serveMetrics(deps.metrics));

  app.use(createStaticRouter(deps.staticRoots, deps.store, deps.publicUrl));
  app.use(createTicketPageRouter({ tickets: deps.tickets, files: deps.attachments, limits: deps.publicFormLimits }));
  app.use(createHelpCentreRouter({ helpCentre: deps.knowledgeBase.helpCentre, links: deps.knowledgeBase.links, limits: deps.publicFormLimits }));

  const api = express.Router();
  if (deps.metrics) api.use(countErrorResponses(deps.metrics));
  api.use(
    helmet({ contentSecurityPolicy: { directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } } }),
  );
  // Before the 64 KB JSON parser: articles bring their own, larger limit (after authentication).
  // Before the 64 KB JSON parser too: each platform route authenticates, then parses its own body.
  if (deps.platform) api.use(createPlatformRouter({ ...deps.platform, auth: deps.auth, admin: deps.admin, tickets: deps.tickets, analytics: deps.analytics, kb: deps.knowledgeBase.editor }, { publicUrl: deps.publicUrl }).router);
  api.use('/kb', createKnowledgeBaseRouter({ auth: deps.auth, kb: deps.knowledgeBase.editor }));
  // Before the JSON parser as well: an upload's body is the file itself, streamed after authentication.
  api.use('/attachments', createAttachmentsRouter({
    auth: deps.auth, ...(deps.platform ? { apiTokens: deps.platform.apiTokens } : {}), ...deps.attachments,
  }));
  api.use(express.json({ limit: '64kb', strict: true }));
  const { passwords, twoFactor, limits } = deps.credentials;
  api.use('/agent', createAgentAuthRouter({ auth: deps.auth, signIn: deps.signIn, passwords, limits, logger: deps.logger }));
  api.use('/agent/account', createAgentAccountRouter({ auth: deps.auth, passwords, twoFactor, limits }));
  api.use('/widget', createWidgetConfigRouter(deps.siteConfig, { store: deps.store, publicUrl: deps.publicUrl }));
  api.use('/admin/privacy', createPrivacyRouter({ auth: deps.auth, privacy: deps.privacy }));
  api.use('/admin', createAdminRouter({
    auth: deps.auth, admin: deps.admin, publicUrl: deps.publicUrl, twoFactor, passwords,
    identitySecret: (siteId) => identitySecretOf(deps.store, siteId),
  }));
  api.use('/analytics', createAnalyticsRouter({ auth: deps.auth, analytics: deps.analytics }));
  api.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such API route.' } });
  });
  app.use('/api', api);

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(createErrorHandler(deps.logger));
  return app;
}
