/**
 * A short Markdown cheat sheet, folded away under the text field: the few
 * marks most posts need, written as the person would type them.
 */
import { prerendered } from '../prerendered';

const rows: [string, string][] = [
  ['*slanted* and **bold**', 'emphasis'],
  ['## A heading', 'a heading under the title (### for one inside it)'],
  ['[words](https://example.com)', 'a link'],
  [
    '![a short description](https://example.com/cat.jpg)',
    'a picture, with words for those who cannot see it',
  ],
  ['- one\n- two', 'a list (1. 2. for a numbered one)'],
  ['> quoted words', 'a quotation'],
  ['`code`, or ``` on lines before and after', 'code'],
  ['a blank line', 'a new paragraph'],
];

// The same on every editor page: rendered once (`prerendered.ts`).
const help = prerendered(
  <details class="markdown-help">
    <summary>How to format the text (Markdown)</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">To get</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([typed, result]) => (
          <tr>
            <td>
              <code>{typed}</code>
            </td>
            <td>{result}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p class="hint">
      HTML tags show as typed, never as page code. Addresses start with https://, http:// or
      mailto:, or with / for a page of your own site.
    </p>
  </details>,
);

export const MarkdownHelp = () => help;
