import { describe, expect, it } from 'vitest';
import { MAX_GOAL_TITLE_LENGTH, parseGoalCommand } from '../../../src/domain/goal-command.ts';

describe('parseGoalCommand', () => {
  it.each(['', '   ', '\n\t', 'list', 'LIST', '  List  ', 'list my goals'])('lists for %j', (text) => {
    expect(parseGoalCommand(text)).toEqual({ action: 'list' });
  });

  describe('add', () => {
    it('parses domain and title', () => {
      expect(parseGoalCommand('add academic Pass calculus')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'Pass calculus',
      });
    });

    it('parses a due date', () => {
      expect(parseGoalCommand('add college Submit applications by 2026-12-01')).toEqual({
        action: 'add',
        domain: 'college',
        title: 'Submit applications',
        dueOn: '2026-12-01',
      });
    });

    it('ignores case of keywords', () => {
      expect(parseGoalCommand('ADD Career Find an internship BY 2027-03-15')).toEqual({
        action: 'add',
        domain: 'career',
        title: 'Find an internship',
        dueOn: '2027-03-15',
      });
    });

    it('collapses extra spaces', () => {
      expect(parseGoalCommand('  add   personal   Run\u00A0a  5k \n every   week  ')).toEqual({
        action: 'add',
        domain: 'personal',
        title: 'Run a 5k every week',
      });
    });

    it('keeps emoji in titles', () => {
      expect(parseGoalCommand('add personal Learn guitar 🎸👨‍👩‍👧 by 2026-12-24')).toEqual({
        action: 'add',
        domain: 'personal',
        title: 'Learn guitar 🎸👨‍👩‍👧',
        dueOn: '2026-12-24',
      });
    });

    it('keeps right-to-left titles', () => {
      expect(parseGoalCommand('add academic לקרוא ספר בחודש')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'לקרוא ספר בחודש',
      });
      expect(parseGoalCommand('add career التقديم على تدريب by 2027-01-31')).toEqual({
        action: 'add',
        domain: 'career',
        title: 'التقديم على تدريب',
        dueOn: '2027-01-31',
      });
    });

    it('composes titles to NFC', () => {
      expect(parseGoalCommand('add academic Re\u0301sume\u0301')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'R\u00E9sum\u00E9',
      });
    });

    it('keeps a "by" phrase that is no date', () => {
      expect(parseGoalCommand('add academic Read Dune by Herbert')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'Read Dune by Herbert',
      });
      expect(parseGoalCommand('add academic Finish by 2026-12-01 draft')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'Finish by 2026-12-01 draft',
      });
    });

    it('uses only the last "by"', () => {
      expect(parseGoalCommand('add academic Stand by me by 2026-12-01')).toEqual({
        action: 'add',
        domain: 'academic',
        title: 'Stand by me',
        dueOn: '2026-12-01',
      });
    });

    it.each([
      ['add', 'unknown_domain'],
      ['add Pass calculus', 'unknown_domain'],
      ['add social Make friends', 'unknown_domain'],
    ])('rejects %j without a domain', (text, error) => {
      expect(parseGoalCommand(text)).toEqual({ error, detail: 'academic, college, career, personal' });
    });

    it.each(['add academic', 'add academic   ', 'add academic by 2026-12-01', 'add academic \u200B'])(
      'rejects %j without a title',
      (text) => {
        expect(parseGoalCommand(text)).toEqual({ error: 'missing_title' });
      },
    );

    it.each([
      ['2026-13-01'],
      ['2026-02-30'],
      ['2026/12/01'],
      ['1-12-2026'],
      ['2026-12-1'],
      ['12/01'],
    ])('rejects due date %j', (date) => {
      expect(parseGoalCommand(`add academic Pass calculus by ${date}`)).toEqual({ error: 'bad_date', detail: date });
    });

    it('accepts a title at the maximum', () => {
      const title = 'x'.repeat(MAX_GOAL_TITLE_LENGTH);
      expect(parseGoalCommand(`add academic ${title}`)).toEqual({ action: 'add', domain: 'academic', title });
    });

    it('rejects a title over the maximum', () => {
      expect(parseGoalCommand(`add academic ${'x'.repeat(201)}`)).toEqual({ error: 'title_too_long', detail: '200' });
      // 101 emoji are 202 UTF-16 code units.
      expect(parseGoalCommand(`add academic ${'🎯'.repeat(101)}`)).toEqual({ error: 'title_too_long', detail: '200' });
    });
  });

  describe('milestone', () => {
    it('parses goal number and title', () => {
      expect(parseGoalCommand('milestone 2 Finish the essay outline')).toEqual({
        action: 'milestone',
        goalNumber: 2,
        title: 'Finish the essay outline',
      });
    });

    it('parses a due date and hash', () => {
      expect(parseGoalCommand('Milestone #3  Draft 📝  by 2026-11-30')).toEqual({
        action: 'milestone',
        goalNumber: 3,
        title: 'Draft 📝',
        dueOn: '2026-11-30',
      });
    });

    it('keeps right-to-left titles', () => {
      expect(parseGoalCommand('milestone 1 كتابة المسودة الأولى')).toEqual({
        action: 'milestone',
        goalNumber: 1,
        title: 'كتابة المسودة الأولى',
      });
    });

    it('rejects a missing goal number', () => {
      expect(parseGoalCommand('milestone')).toEqual({ error: 'bad_goal_number' });
    });

    it.each(['0', '-1', 'two', '1.5', '2x', '99999999999999999999'])('rejects goal number %j', (word) => {
      expect(parseGoalCommand(`milestone ${word} Do it`)).toEqual({ error: 'bad_goal_number', detail: word });
    });

    it('rejects a missing title', () => {
      expect(parseGoalCommand('milestone 2')).toEqual({ error: 'missing_title' });
      expect(parseGoalCommand('milestone 2 by 2026-12-01')).toEqual({ error: 'missing_title' });
    });

    it('rejects a bad date', () => {
      expect(parseGoalCommand('milestone 2 Outline by 2026-00-10')).toEqual({ error: 'bad_date', detail: '2026-00-10' });
    });
  });

  describe('done', () => {
    it('parses a goal number', () => {
      expect(parseGoalCommand('done 1')).toEqual({ action: 'done', goalNumber: 1 });
      expect(parseGoalCommand('DONE #12')).toEqual({ action: 'done', goalNumber: 12 });
    });

    it('parses a milestone number', () => {
      expect(parseGoalCommand('done 2.3')).toEqual({ action: 'done', goalNumber: 2, milestoneNumber: 3 });
      expect(parseGoalCommand('  done   #2.10 ')).toEqual({ action: 'done', goalNumber: 2, milestoneNumber: 10 });
    });

    it('rejects a missing number', () => {
      expect(parseGoalCommand('done')).toEqual({ error: 'bad_goal_number' });
    });

    it.each(['0', '2.0', '0.1', '2.', '.2', '2.3.4', 'first', '2 3', '2 finally', '١'])('rejects %j', (words) => {
      expect(parseGoalCommand(`done ${words}`)).toEqual({ error: 'bad_goal_number', detail: words });
    });
  });

  describe('errors', () => {
    it.each(['academic Pass calculus', 'Career Internship', '2 Outline', '2.1', '#3'])(
      'asks for an action before %j',
      (text) => {
        expect(parseGoalCommand(text)).toEqual({ error: 'missing_action', detail: text.split(' ')[0] });
      },
    );

    it.each(['remove 2', 'help', 'Finish', '🎯 goal', 'הוסף academic x'])('rejects unknown action in %j', (text) => {
      expect(parseGoalCommand(text)).toEqual({ error: 'unknown_action', detail: text.split(' ')[0] });
    });
  });
});
