/** The CSV export: RFC 4180 quoting, and names that a spreadsheet would run as formulas defused. */
import type { AnalyticsMetrics, AnalyticsReport } from '@parley/shared';
import { csvCell, reportCsv, reportCsvFilename } from './analytics-csv';

/** A strict RFC 4180 reader: fields, quoted fields with doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      while (!(text[i] === '"' && text[i + 1] !== '"')) {
        if (i >= text.length) throw new Error('unterminated quote');
        field += text[i] === '"' ? '"' : (text[i] as string);
        i += text[i] === '"' ? 2 : 1;
      }
      i += 1;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 2;
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else {
      field += text[i];
      i += 1;
    }
  }
  if (row.length > 0 || field) throw new Error('the last line has no CRLF');
  return rows;
}

test('cells that would start a formula get a leading apostrophe; numbers stay numbers', () => {
  expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
  expect(csvCell('-refund')).toBe("'-refund");
  expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(csvCell('\t=1+1')).toBe("'\t=1+1");
  expect(csvCell('Ann = Bob')).toBe('Ann = Bob');
  expect(csvCell(-3)).toBe('-3');
  expect(csvCell(12.5)).toBe('12.5');
  expect(csvCell(null)).toBe('');
});

test('commas, quotes and line breaks are quoted, quotes doubled', () => {
  expect(csvCell('Smith, Jane')).toBe('"Smith, Jane"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  expect(csvCell('Анна')).toBe('Анна');
});

const zeroMetrics = (): AnalyticsMetrics => {
  const stats = { count: 0, medianSeconds: null, p90Seconds: null };
  const rated = { count: 0, average: null, csatPercent: null };
  const sources = { chat_timeout: 0, offline_form: 0, visitor_left: 0, agent_escalation: 0, agent: 0 };
  return {
    conversations: 2, answered: 1, missed: 1, resolvedInChat: 1, escalated: 1, escalationsBySource: { ...sources, chat_timeout: 1 },
    tickets: 0, ticketsBySource: sources, ticketsResolved: 0,
    firstResponse: { chats: { count: 1, medianSeconds: 42.5, p90Seconds: 42.5 }, tickets: stats },
    resolution: { chats: stats, tickets: stats }, slaBreaches: { tickets: 0, firstResponse: 0, resolution: 0 },
    satisfaction: { chats: rated, tickets: rated, overall: rated },
  };
};

test('the report is one table of section, key, name, metric and value that reads back field for field', () => {
  const report: AnalyticsReport = {
    request: { from: '2024-03-09', to: '2024-03-10', timeZone: 'Europe/Berlin', agentId: null, departmentId: null },
    period: { start: '2024-03-08T23:00:00.000Z', end: '2024-03-10T23:00:00.000Z' },
    generatedAt: '2024-03-11T12:00:00.000Z',
    totals: zeroMetrics(),
    deflection: null,
    volume: { byDay: [{ date: '2024-03-09', conversations: 2, tickets: 0 }], byHour: [{ hour: 7, conversations: 2, tickets: 0 }] },
    topTags: [{ tag: '-urgent', tickets: 1 }],
    byAgent: [{ agentId: 'agent-000001', name: '=cmd|" /C calc"!A0, "Smith"', ...zeroMetrics() }],
    byDepartment: [{ departmentId: null, name: null, ...zeroMetrics() }],
  };
  const csv = reportCsv(report);
  expect(csv.endsWith('\r\n')).toBe(true);
  const rows = parseCsv(csv);
  expect(rows[0]).toEqual(['section', 'key', 'name', 'metric', 'value']);
  expect(rows.every((row) => row.length === 5)).toBe(true);
  expect(rows).toContainEqual(['period', '', '', 'timeZone', 'Europe/Berlin']);
  expect(rows).toContainEqual(['totals', '', '', 'firstResponse.chats.medianSeconds', '42.5']);
  expect(rows).toContainEqual(['totals', '', '', 'escalationsBySource.chat_timeout', '1']);
  expect(rows).toContainEqual(['deflection', '', '', 'ratePercent', '']);
  expect(rows).toContainEqual(['volume_by_day', '2024-03-09', '', 'conversations', '2']);
  expect(rows).toContainEqual(['volume_by_hour', '07', '', 'conversations', '2']);
  expect(rows).toContainEqual(['top_tags', "'-urgent", '', 'tickets', '1']);
  expect(rows).toContainEqual(['agent', 'agent-000001', `'=cmd|" /C calc"!A0, "Smith"`, 'conversations', '2']);
  expect(rows).toContainEqual(['department', '', '', 'missed', '1']);
  // Every figure of a slice appears once: AnalyticsMetrics has 41 (17 counts, 12 durations, 3 SLA, 9 satisfaction).
  expect(rows.filter((row) => row[0] === 'totals')).toHaveLength(41);
  expect(reportCsvFilename(report)).toBe('parley-analytics_2024-03-09_2024-03-10.csv');
});
