import { act, within } from '@testing-library/preact';
import { ticket } from '../../test-support/fixtures';
import { openTicket } from '../../test-support/open-ticket';

beforeEach(() => window.localStorage.clear());

const rated = () => ticket({ status: 'solved', rating: 4, ratingComment: 'Quick and friendly' });

describe("a ticket's rating beside it", () => {
  it('reads "4 of 5 · “Quick and friendly”": the comment set apart from the score, quoted without inner spaces', async () => {
    const { view } = await openTicket(rated());
    expect(within(view).getByTestId('ticket-rating').textContent).toBe('4 of 5 · “Quick and friendly”');
  });

  it.each([
    ['de', '4 von 5 · „Quick and friendly“'],
    ['ru', '4 из 5 · «Quick and friendly»'],
    ['zh', '4 / 5 · “Quick and friendly”'],
  ] as const)('uses the quotation marks of %s', async (language, text) => {
    const { view, app } = await openTicket(rated());
    await act(() => app.translator.setLanguage(language));
    expect(within(view).getByTestId('ticket-rating').textContent).toBe(text);
  });

  it('shows the score alone when there is no comment', async () => {
    const { view } = await openTicket(ticket({ status: 'solved', rating: 5, ratingComment: null }));
    expect(within(view).getByTestId('ticket-rating').textContent).toBe('5 of 5');
  });
});
