/** GET /metrics on a real server: what a scraper sees after visitors and agents talk. */
import type { Message } from '@parley/shared';
import { connectAgent, connectVisitor, login, nextEvent, unwrap } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { until } from '../test-support/until';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one series, e.g. `parley_socket_connections{namespace="visitor"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

test('connections per namespace, the waiting queue and process metrics are exposed', async () => {
  const first = await connectVisitor(server.url, { siteKey: server.site.key });
  const second = await connectVisitor(server.url, { siteKey: server.site.key });
  unwrap(
    await first.socket.emitWithAck('message:send', { clientId: 'metrics-msg-0001', text: 'anyone there?' }),
  );

  const text = await scrape();
  expect(sample(text, 'parley_socket_connections{namespace="visitor"}')).toBe(2);
  expect(sample(text, 'parley_socket_connections{namespace="agent"}')).toBe(0);
  expect(sample(text, `parley_queue_length{site="${server.site.id}"}`)).toBe(1);
  expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

  second.socket.disconnect();
  const visitorsConnected = async () => sample(await scrape(), 'parley_socket_connections{namespace="visitor"}');
  await until(async () => (await visitorsConnected()) !== 2);
  expect(await visitorsConnected()).toBe(1);
  first.socket.disconnect();
});

test('each delivered message is timed once, by the namespace that sent it', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const agent = await connectAgent(server.url, token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });

  const seen = nextEvent<Message>(agent, 'message:new');
  const sent = unwrap(
    await visitor.emitWithAck('message:send', { clientId: 'metrics-msg-0001', text: 'hello' }),
  );
  await seen;
  unwrap(await visitor.emitWithAck('message:send', { clientId: 'metrics-msg-0002', text: 'still there?' }));
  unwrap(
    await agent.emitWithAck('message:send', {
      conversationId: sent.conversationId,
      clientId: 'metrics-rpl-0001',
      text: 'yes',
    }),
  );
  // A retry of a stored message is not broadcast again, so it is not timed again.
  unwrap(await visitor.emitWithAck('message:send', { clientId: 'metrics-msg-0002', text: 'still there?' }));

  const text = await scrape();
  expect(sample(text, 'parley_message_delivery_seconds_count{namespace="visitor"}')).toBe(2);
  expect(sample(text, 'parley_message_delivery_seconds_count{namespace="agent"}')).toBe(1);
  expect(sample(text, 'parley_message_delivery_seconds_bucket{le="+Inf",namespace="visitor"}')).toBe(2);
  agent.disconnect();
  visitor.disconnect();
});

test('errors answered over sockets and HTTP are counted by their code', async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  const refused = await visitor.emitWithAck('message:send', { clientId: 'metrics-msg-0001', text: '   ' });
  expect(refused.ok).toBe(false);
  const badLogin = await fetch(`${server.url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.admin.email, password: 'not the password' }),
  });
  expect(badLogin.status).toBe(401);

  const text = await scrape();
  expect(sample(text, 'parley_errors_total{transport="socket",code="VALIDATION_FAILED"}')).toBe(1);
  expect(sample(text, 'parley_errors_total{transport="http",code="INVALID_CREDENTIALS"}')).toBe(1);
  visitor.disconnect();
});
