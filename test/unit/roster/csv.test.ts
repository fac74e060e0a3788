import { describe, expect, it } from 'vitest';
import { parseCsvTable, splitList } from '../../../src/roster/csv.ts';
import { ProblemLog } from '../../../src/roster/problems.ts';

const known = ['sourcedId', 'givenName', 'preferredGivenName', 'dateLastModified', 'orgSourcedIds'];

function parse(text: string) {
  const log = new ProblemLog();
  const table = parseCsvTable('users.csv', Buffer.from(text), known, log);

  return { table, log };
}

describe('parseCsvTable', () => {
  it('reads a BOM, CRLF and no final newline', () => {
    const { table } = parse('\ufeffsourcedId,givenName\r\nu1,Ada\r\nu2,Ben');

    expect(table?.rows.map((row) => row.values.get('sourcedId'))).toEqual(['u1', 'u2']);
    expect(table?.rows.map((row) => row.values.get('givenName'))).toEqual(['Ada', 'Ben']);
  });

  it('keeps quoted commas in one field', () => {
    const { table } = parse('sourcedId,orgSourcedIds\nu1,"org-1,org-2"\n');

    expect(table?.rows[0]?.values.get('orgSourcedIds')).toBe('org-1,org-2');
  });

  it('maps misspelled headers to the spec names', () => {
    const { table } = parse('sourcedId,prefferedGivenName,dataLastModified\nu1,Al,1/05/2023\n');

    expect(table?.columns).toEqual(new Set(['sourcedId', 'preferredGivenName', 'dateLastModified']));
    expect(table?.rows[0]?.values.get('preferredGivenName')).toBe('Al');
  });

  it('drops unknown columns, passwords included', () => {
    const { table } = parse('sourcedId,password,pronouns\nu1,hunter2,they\n');

    expect([...(table?.rows[0]?.values.keys() ?? [])]).toEqual(['sourcedId']);
    expect(JSON.stringify(table)).not.toContain('hunter2');
  });

  it('accepts ragged rows', () => {
    const { table, log } = parse('sourcedId,givenName,,\r\nu1\r\nu2,Ben,x,y,z\r\n');

    expect(log.hasErrors).toBe(false);
    expect(table?.rows[0]?.values.get('givenName')).toBe('');
    expect(table?.rows[1]?.values.get('givenName')).toBe('Ben');
  });

  it('numbers rows as lines of the file', () => {
    const { table } = parse('sourcedId,givenName\r\nu1,"Ada\r\nMaria"\r\n\r\nu2,Ben\r\nu3,Cy');

    expect(table?.rows.map((row) => row.line)).toEqual([2, 5, 6]);
  });

  it('reports a syntax error without the value', () => {
    const { table, log } = parse('sourcedId,givenName\nu1,Ada\nu2,"hunter2\n');

    expect(table).toBeUndefined();
    expect(log.problems).toEqual([
      {
        file: 'users.csv',
        row: 3,
        message: 'the file is not valid CSV (a quoted field is never closed). Fix the quoting on that row, or export the file again.',
      },
    ]);
    expect(JSON.stringify(log.problems)).not.toContain('hunter2');
  });

  it('rejects an empty file', () => {
    const { log } = parse('');

    expect(log.problems[0]?.message).toBe('the file is empty. It needs at least the header row.');
  });
});

describe('splitList', () => {
  it('splits and trims multi-value fields', () => {
    expect(splitList('as-1, as-2,,as-3')).toEqual(['as-1', 'as-2', 'as-3']);
    expect(splitList('')).toEqual([]);
  });
});
