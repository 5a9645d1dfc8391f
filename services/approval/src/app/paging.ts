/**
 * Every page of a keyset-paged read, in id order: `read(afterId, size)`
 * returns up to `size` items after `afterId`; a short page is the last. Only
 * one page is held at a time, however many there are.
 */
export async function* pagesOf<T extends { readonly id: string }>(read: (afterId: string | undefined, size: number) => Promise<T[]>, size: number): AsyncGenerator<T[]> {
  for (let after: string | undefined; ; ) {
    const page = await read(after, size);
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = page[page.length - 1]?.id;
  }
}
