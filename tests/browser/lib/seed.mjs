// Work for the officer's queues: the demo region has no intake yet, so before the suites run the
// officer uploads every shipped sample feed (assets/intake/samples, through the API as an officer
// would) and one crossings file with a row whose date does not exist, which the quarantine keeps.

import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './server.mjs';

/** The record id of the row the quarantine must show, with its impossible date. */
export const QUARANTINED = { record: 'ПГ-БРАУЗЕР-0001', date: '31.02.2026' };

const TYPES = { csv: 'text/csv', jsonl: 'application/x-ndjson', xml: 'application/xml' };

async function upload(api, source, mapping, fileName, body, type) {
  const token = await api.token('officer');
  const url = `${api.base}/api/intake/${source}?mapping=${mapping}&file_name=${encodeURIComponent(fileName)}`;
  const r = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  if (!r.ok) throw new Error(`uploading ${fileName} (${mapping}): ${r.status} ${await r.text()}`);
  return r.json();
}

/** Uploads the samples and the quarantined row; returns a line for the summary. */
export async function seedIntake(api) {
  const dir = path.join(ROOT, 'assets', 'intake', 'samples');
  let rows = 0;
  for (const f of fs.readdirSync(dir).sort()) {
    const mapping = f.replace(/\.[^.]+$/, '');
    const b = await upload(api, mapping.split('-')[0], mapping, `browser-${f}`, fs.readFileSync(path.join(dir, f)), TYPES[f.split('.').pop()]);
    rows += b.rows_read;
  }
  const header = 'НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита';
  const bad = `${QUARANTINED.record};Иванов;Иван;;12.03.1994;М;УЗБЕКИСТАН;FA;7777777;${QUARANTINED.date};ВЪЕЗД;РАБОТА`;
  const b = await upload(api, 'mvd', 'mvd-crossings', 'browser-bad-date.csv', `${header}\n${bad}\n`, TYPES.csv);
  if (b.rows_quarantined !== 1) throw new Error(`the row with the date ${QUARANTINED.date} was not quarantined: ${JSON.stringify(b)}`);
  return `intake seeded: ${rows} sample rows and 1 quarantined row (${QUARANTINED.record})`;
}
