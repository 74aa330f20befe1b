/** The admin REST API of a running Parley, for setting up whole-system tests. */
import type {
  Agent,
  KbArticleInput,
  KbArticleView,
  LoginResponse,
  NewAgent,
  SiteSettingsPatch,
  Ticket,
  WebhookDelivery,
  WebhookEndpointWithSecret,
  WebhookEventType,
} from '@parley/shared';

export class AdminApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, credentials: { email: string; password: string }): Promise<AdminApi> {
    const response = await fetch(`${baseUrl}/api/agent/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
    return new AdminApi(baseUrl, ((await response.json()) as LoginResponse).token);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async createAgent(agent: NewAgent): Promise<Agent> {
    return (await this.call<{ agent: Agent }>('POST', '/admin/agents', agent)).agent;
  }

  /** The site's secret for signing visitor identities (admins only). */
  async identitySecret(): Promise<string> {
    const { identitySecret } = await this.call<{ identitySecret?: string }>('GET', '/admin/site');
    if (!identitySecret) throw new Error('GET /admin/site gave no identity secret');
    return identitySecret;
  }

  async updateSettings(patch: SiteSettingsPatch): Promise<void> {
    await this.call('PATCH', '/admin/site/settings', patch);
  }

  /** A webhook endpoint; the answer carries its signing secret (shown this once). */
  async registerWebhook(input: { url: string; events: WebhookEventType[]; allowPrivateTargets?: boolean }): Promise<WebhookEndpointWithSecret> {
    return (await this.call<{ data: WebhookEndpointWithSecret }>('POST', '/admin/webhooks', input)).data;
  }

  /** The endpoint's delivery log, newest first. */
  async webhookDeliveries(endpointId: string): Promise<WebhookDelivery[]> {
    return (await this.call<{ data: WebhookDelivery[] }>('GET', `/admin/webhooks/${endpointId}/deliveries`)).data;
  }

  /** An article in the knowledge base, published (so the widget can suggest it). */
  async publishArticle(input: Omit<KbArticleInput, 'summary'> & { summary?: string }): Promise<KbArticleView> {
    const { article } = await this.call<KbArticleView>('POST', '/kb/articles', input);
    return this.call<KbArticleView>('POST', `/kb/articles/${article.id}/publish`);
  }

  /** A ticket through the REST API (POST /api/v1/tickets). */
  async createTicket(input: { subject: string; text: string }): Promise<Ticket> {
    return (await this.call<{ data: Ticket }>('POST', '/v1/tickets', input)).data;
  }
}
