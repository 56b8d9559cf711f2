/**
 * Fold text for search: lower case, Vietnamese diacritics removed (NFD, then combining marks
 * U+0300–U+036F dropped; `đ` does not decompose and is mapped by hand). So `cong dan`, `Công dân`
 * and `CÔNG DÂN` all find "Tra cứu công dân".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The stored search text of a service: id, titles and description, folded. */
export function serviceSearchText(s: { readonly id: string; readonly title: string; readonly title_en?: string | null | undefined; readonly description?: string | null | undefined }): string {
  return foldForSearch([s.id, s.title, s.title_en ?? '', s.description ?? ''].join(' \u0001 '));
}
