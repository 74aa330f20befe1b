/** The opening-hours editor saves a day's ranges in time order, whatever order they were added in. */
import { fireEvent, screen, within } from '@testing-library/preact';
import { ADMIN, openAdmin } from '../../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

it('saves and shows an afternoon added after an evening in time order', async () => {
  const { admin } = await openAdmin(ADMIN, 'settings');
  const hours = within(await screen.findByTestId('settings-hours'));
  if ((hours.getByTestId('always-open') as HTMLInputElement).checked) fireEvent.click(hours.getByTestId('always-open'));
  const thursday = within(hours.getByTestId('hours-thu'));
  const opens = () => thursday.getAllByLabelText('Thursday: opens at').map((input) => (input as HTMLInputElement).value);
  const closes = () => thursday.getAllByLabelText('Thursday: closes at');

  fireEvent.input(thursday.getByLabelText('Thursday: opens at'), { target: { value: '18:00' } });
  fireEvent.input(thursday.getByLabelText('Thursday: closes at'), { target: { value: '20:00' } });
  // "Add hours" appends 09:00–17:00 after the evening; the agent makes it the afternoon.
  fireEvent.click(thursday.getByRole('button', { name: 'Add hours on Thursday' }));
  fireEvent.input(thursday.getAllByLabelText('Thursday: opens at')[1] as HTMLElement, { target: { value: '16:00' } });
  expect(opens()).toEqual(['18:00', '16:00']);
  fireEvent.click(hours.getByRole('button', { name: 'Save' }));

  expect(admin.updateSiteSettings).toHaveBeenCalledWith({
    openingHours: expect.objectContaining({
      week: expect.objectContaining({ thu: [{ from: '16:00', to: '17:00' }, { from: '18:00', to: '20:00' }] }),
    }),
  });
  expect(await hours.findByText('Saved.')).toBeVisible();
  expect(opens()).toEqual(['16:00', '18:00']);
  expect(closes().map((input) => (input as HTMLInputElement).value)).toEqual(['17:00', '20:00']);
});
