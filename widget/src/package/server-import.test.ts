/**
 * @jest-environment node
 */
// Server-side rendering imports the package while there is no window or document.
test('importing on a server touches no browser global; init() there says to call it on the client', async () => {
  expect(typeof window).toBe('undefined');
  const { init } = await import('./index');
  expect(() => init({ serverUrl: 'https://chat.example.test', siteKey: 'site' })).toThrow(/needs a browser page/);
});
