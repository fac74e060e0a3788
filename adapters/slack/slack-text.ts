/**
 * Undoes Slack's escaping of the three control characters in message and
 * command text, so what is stored is what the person typed. Mentions such
 * as <@U123> arrive unescaped and are left as they are.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
