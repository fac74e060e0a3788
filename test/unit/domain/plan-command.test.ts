import { describe, expect, it } from 'vitest';
import { parsePlanCommand } from '../../../src/domain/plan-command.ts';

describe('parsePlanCommand', () => {
  it.each(['', '  ', '\n'])('shows own plan for %j', (text) => {
    expect(parsePlanCommand(text)).toEqual({ target: 'self' });
  });

  it.each([
    ['<@U024BE7LH>', 'U024BE7LH'],
    ['<@U024BE7LH|maria>', 'U024BE7LH'],
    ['<@U024BE7LH|Maria López>', 'U024BE7LH'],
    ['<@W0123ABC>', 'W0123ABC'],
    ['  <@U024BE7LH>  ', 'U024BE7LH'],
    ['<@123456789012345678>', '123456789012345678'],
    ['<@!123456789012345678>', '123456789012345678'],
  ])('reads mention %j', (text, query) => {
    expect(parsePlanCommand(text)).toEqual({ target: 'other', query, kind: 'user_id' });
  });

  it.each([
    ['maria@school.org', 'maria@school.org'],
    ['Maria.Lopez@School.ORG', 'maria.lopez@school.org'],
    ['<mailto:maria@school.org|maria@school.org>', 'maria@school.org'],
    ['<mailto:Maria@School.org>', 'maria@school.org'],
  ])('reads e-mail %j', (text, query) => {
    expect(parsePlanCommand(text)).toEqual({ target: 'other', query, kind: 'email' });
  });

  it.each([
    ['Maria', 'Maria'],
    ['  Maria   López  ', 'Maria López'],
    ['Jose\u0301 Garci\u0301a', 'Jos\u00E9 Garc\u00EDa'],
    ['נועה כהן', 'נועה כהן'],
    ['محمد  العلي', 'محمد العلي'],
    ['Zoë 🌟', 'Zoë 🌟'],
  ])('reads name %j', (text, query) => {
    expect(parsePlanCommand(text)).toEqual({ target: 'other', query, kind: 'name' });
  });

  it.each([
    ['<@U024BE7LH> please', 'please'],
    ['show <@U024BE7LH>', 'show'],
    ['<@U1AAA> <@U2BBB>', '<@U2BBB>'],
    ['<@!1234> now', 'now'],
    ['maria@school.org thanks', 'thanks'],
    ['Maria maria@school.org', 'Maria'],
  ])('rejects extra words in %j', (text, detail) => {
    expect(parsePlanCommand(text)).toEqual({ error: 'extra_words', detail });
  });

  it.each([
    '<#C024BE7LR|general>',
    '<!here>',
    '<!subteam^S0123|advisors>',
    '<@&123456789>',
    '<#123456789>',
    '<https://example.org>',
    '<mailto:not-an-address>',
  ])('rejects non-person mention %j', (text) => {
    expect(parsePlanCommand(text)).toEqual({ error: 'unsupported_mention', detail: text });
  });

  it('rejects a channel before a person', () => {
    expect(parsePlanCommand('<#C1> <@U024BE7LH>')).toEqual({ error: 'unsupported_mention', detail: '<#C1>' });
  });
});
