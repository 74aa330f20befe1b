/** What of a requester's e-mail becomes their reply: the quoted e-mail and the line introducing it left out, in every language. */
import { replyTextOf } from './inbound-mail';

const QUOTE = '> Hemos recibido su solicitud.\n> Responda a este correo.';
const reply = (text: string) => replyTextOf({ text });

test.each([
  ['Russian Apple Mail', '26 нояб. 2026 г., в 14:04, Parley <no-reply@parley.local> написал(а):'],
  ['Russian Gmail', 'чт, 26 нояб. 2026 г. в 14:04, Parley <no-reply@parley.local>:'],
  ['Belarusian Gmail', 'чц, 26 ліст. 2026 г. у 14:04, Parley <no-reply@parley.local>:'],
  ['Ukrainian Gmail', 'чт, 26 лист. 2026 р. о 14:04 Parley <no-reply@parley.local> пише:'],
  ['Arabic Gmail', 'في الخميس، 26 نوفمبر 2026 في 2:04 م، كتب Parley <no-reply@parley.local>:'],
  ['Chinese Gmail', 'Parley <no-reply@parley.local> 于2026年11月26日周四 14:04写道：'],
  ['English Gmail', 'On Thu, Nov 26, 2026 at 2:04 PM Parley <no-reply@parley.local> wrote:'],
  ['Spanish Gmail', 'El jue, 26 nov 2026 a las 14:04, Parley (<no-reply@parley.local>) escribió:'],
  ['German Gmail', 'Am Do., 26. Nov. 2026 um 14:04 Uhr schrieb Parley <no-reply@parley.local>:'],
  ['French Gmail', 'Le jeu. 26 nov. 2026 à 14:04, Parley <no-reply@parley.local> a écrit :'],
  ['Portuguese Gmail', 'Em qui., 26 de nov. de 2026 às 14:04, Parley <no-reply@parley.local> escreveu:'],
  ['a client naming no address', '26.11.2026 14:04, Parley пишет:'],
])('the %s line introducing the quote is left out with it', (_client, attribution) => {
  expect(reply(`Ответ по-русски.\nСпасибо.\n\n${attribution}\n\n${QUOTE}\n`)).toBe('Ответ по-русски.\nСпасибо.');
});

test('an attribution the mail client wrapped over two lines goes as a whole', () => {
  expect(reply(`Ответ.\n\nчт, 26 нояб. 2026 г. в 14:04, Parley <\nno-reply@parley.local>:\n\n${QUOTE}`)).toBe('Ответ.');
  // An HTML-only Gmail e-mail, as mailparser writes its text.
  const fromHtml = 'Ответ.\n\nчт, 26 нояб. 2026 г. в 14:04, Parley <no-reply@parley.local\n[no-reply@parley.local]>:\n\n\n> Hemos recibido';
  expect(reply(fromHtml)).toBe('Ответ.');
  // Written right under the requester's last line, it goes alone.
  expect(reply(`Спасибо!\n26 нояб. 2026 г., в 14:04, Parley <no-reply@parley.local> написал(а):\n${QUOTE}`)).toBe('Спасибо!');
});

test('what the requester wrote stays, even when it ends with a colon right above the quote', () => {
  expect(reply(`Вот что я имею в виду:\n${QUOTE}`)).toBe('Вот что я имею в виду:');
  expect(reply(`Номер заказа 2026, доставка к 14:00\nОтвет ниже:\n\n${QUOTE}`)).toBe('Номер заказа 2026, доставка к 14:00\nОтвет ниже:');
  // A line with a date and a time but no colon at its end is theirs, and so is one with no quote below it.
  expect(reply(`Привезите 26.11.2026 в 14:00\n\n${QUOTE}`)).toBe('Привезите 26.11.2026 в 14:00');
  expect(reply('Напишите мне 26.11.2026 в 14:04, Parley <me@example.test>:')).toBe('Напишите мне 26.11.2026 в 14:04, Parley <me@example.test>:');
});
