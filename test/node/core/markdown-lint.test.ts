/**
 * The editor's warnings about pictures, given the site's pictures: a
 * `picture:<id>` the site does not have is named, a described picture
 * needs no alt text of its own, and one without a description keeps the
 * usual warning. Without the site's pictures the warnings are as before.
 */
import { describe, expect, it } from 'vitest';
import {
  itemWarnings,
  pictureReferences,
  type PictureDescriptions,
} from '../../../core/forms/markdown-lint';

const pictures: PictureDescriptions = new Map([
  ['sungold', { description: 'A ripe Sungold tomato' }],
  ['blank', { description: '  ' }],
]);

const noAlt = (url: string) =>
  `The picture “${url}” has no description, so people who cannot see it will miss it. Write one between the brackets: ![a short description](${url}).`;
const noPicture = (id: string) =>
  `There is no picture called ${id} on this site — see Pictures to upload it or copy its reference.`;

describe('the editor’s warnings about the site’s pictures', () => {
  it('names a picture the site does not have, once, and nothing else about it', () => {
    const body =
      '![](picture:gone)\n\nAgain: ![Gone](picture:gone) and ![A tomato](picture:sungold)';
    expect(itemWarnings({ body }, pictures)).toEqual([
      { field: 'body', message: noPicture('gone') },
    ]);
  });

  it('lets a described picture go without alt text, but not one without a description', () => {
    expect(itemWarnings({ body: '![](picture:sungold)' }, pictures)).toEqual([]);
    expect(itemWarnings({ body: '![](picture:blank)' }, pictures)).toEqual([
      { field: 'body', message: noAlt('picture:blank') },
    ]);
    expect(itemWarnings({ body: '![The bed](picture:blank)' }, pictures)).toEqual([]);
  });

  it('still warns about other pictures without alt text, and ignores code', () => {
    const body =
      '![](https://img.example/cat.jpg)\n\n`![](picture:gone)`\n\n```\n![](picture:gone)\n```';
    expect(itemWarnings({ body }, pictures)).toEqual([
      { field: 'body', message: noAlt('https://img.example/cat.jpg') },
    ]);
  });

  it('checks a project’s picture: unknown, described, or needing words', () => {
    const check = (imageUrl: string, imageAlt = '') =>
      itemWarnings({ body: '', imageUrl, imageAlt }, pictures);
    expect(check('picture:gone')).toEqual([{ field: 'imageUrl', message: noPicture('gone') }]);
    expect(check('picture:sungold')).toEqual([]);
    expect(check('picture:blank').map((w) => w.field)).toEqual(['imageAlt']);
    expect(check('picture:blank', 'Seedlings')).toEqual([]);
    expect(check('https://img.example/x.jpg').map((w) => w.field)).toEqual(['imageAlt']);
  });

  it('without the site’s pictures, warns only about missing alt text, as before', () => {
    expect(itemWarnings({ body: '![](picture:sungold) ![A](picture:gone)' })).toEqual([
      { field: 'body', message: noAlt('picture:sungold') },
    ]);
    expect(itemWarnings({ body: '', imageUrl: 'picture:gone' }).map((w) => w.field)).toEqual([
      'imageAlt',
    ]);
  });

  it('finds each picture a text shows, in order, once', () => {
    expect(
      pictureReferences(
        '![](picture:b) ![x](<picture:a> "t") ![](picture:b) [link](picture:c) ![](picture:Bad) ![](https://x.example/picture:d)',
      ),
    ).toEqual(['b', 'a']);
  });
});
