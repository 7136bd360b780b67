import type { Page } from 'puppeteer-core';

/**
 * report.yaml `notes: endnotes`, in print only: every chapter's notes gathered, in order, into one section at the
 * end of the edition (after the last chapter, before the bibliography if there is one), titled with the theme's
 * `endnotes` string, each chapter's notes under a subheading naming the chapter. The page being printed is
 * changed (the web edition's HTML file is not): the notes' items move with their ids, so the reference marks
 * still link to them and their back links to the marks. The headings are real headings, so the PDF's bookmarks
 * and tags list them. Returns how many chapters' notes moved.
 */
export function gatherEndnotes(page: Page, title: string): Promise<number> {
  return page.evaluate(inPage, title);
}

/** In the page: the move itself (self-contained, run by `page.evaluate`). */
function inPage(title: string): number {
  const chapters = [...document.querySelectorAll<HTMLElement>('section.chapter')];
  const withNotes = chapters.filter((c) => c.querySelector(':scope > section.notes li'));
  if (!withNotes.length) return 0;
  let id = 'print-endnotes';
  while (document.getElementById(id)) id += '-';
  const section = document.createElement('section');
  section.className = 'chapter endnotes';
  section.id = `section-${id}`;
  const heading = document.createElement('h2');
  heading.id = id;
  heading.textContent = title;
  section.append(heading);
  for (const chapter of withNotes) {
    const notes = chapter.querySelector<HTMLElement>(':scope > section.notes')!;
    // The chapter's title, as its heading reads (no "#" link).
    const named = chapter.querySelector('h2')?.cloneNode(true) as HTMLElement | undefined;
    named?.querySelectorAll('.anchor').forEach((a) => a.remove());
    const sub = document.createElement('h3');
    sub.textContent = (named?.textContent ?? '').replace(/\s+/g, ' ').trim();
    notes.querySelector(':scope > .notes-title')?.remove();
    notes.prepend(sub);
    section.append(notes);
  }
  const bibliography = chapters.find((c) => c.querySelector(':scope > section.bibliography'));
  if (bibliography) bibliography.before(section);
  else chapters[chapters.length - 1]!.after(section);
  return withNotes.length;
}
