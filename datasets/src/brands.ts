import type { Rng } from './prng.js';

/** Real brands from the file, most frequent first, so the Zipf head looks familiar. */
export const KNOWN_BRANDS: readonly string[] = [
  'samsung', 'apple', 'xiaomi', 'huawei', 'lucente', 'lg', 'bosch', 'oppo', 'sony', 'respect',
  'acer', 'artel', 'indesit', 'lenovo', 'hp', 'elari', 'cordiant', 'casio', 'philips', 'midea',
  'redmond', 'asus', 'tefal', 'beko', 'vitek', 'haier', 'canon', 'polaris', 'nokia', 'jbl',
  'gorenje', 'atlant', 'kitfort', 'braun', 'dell', 'pulser', 'shiseido', 'nike', 'adidas', 'puma',
  'rieker', 'ariston', 'electrolux', 'dyson', 'makita', 'karcher', 'stels', 'triangle', 'michelin', 'nokian',
  'sv', 'garmin', 'tp-link', 'zte', 'meizu', 'honor', 'vivo', 'realme', 'sharp', 'panasonic',
];

const SYLLABLES = ['ka', 'lo', 'ri', 'ne', 'vo', 'ta', 'mi', 'sa', 'du', 'ze', 'ro', 'li', 'ba', 'po', 'ke', 'nu', 'fi', 'ga', 'te', 'mo'];
const ENDINGS = ['', 'x', 'n', 'r', 'tek', 'line', 'pro', 'ia'];

/** A made-up lowercase brand for the long tail (the real file has ~3 400 brands). */
export function syntheticBrand(rng: Rng): string {
  const syllables = 2 + rng.below(2);
  let name = '';
  for (let i = 0; i < syllables; i++) name += SYLLABLES[rng.below(SYLLABLES.length)];
  return name + ENDINGS[rng.below(ENDINGS.length)];
}
