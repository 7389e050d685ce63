/** `1 window`, `2 windows`, `1,000 broker processes`: a count and its noun, in one place. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
