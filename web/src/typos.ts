/**
 * What makes the catalog's typo tolerance visible: when a query word is in none of the results, the
 * word of the results closest to it is what the customer probably meant ("ponsl" -> "ponsel").
 */
export function correctedQuery(query: string, texts: readonly string[]): string | undefined {
  const queryWords = wordsOf(query);
  const known = new Set(texts.flatMap(wordsOf));
  if (queryWords.length === 0 || known.size === 0) return undefined;
  let changed = false;
  const corrected = queryWords.map((word) => {
    if (known.has(word)) return word;
    const closest = closestWord(word, known);
    if (closest === undefined) return word;
    changed = true;
    return closest;
  });
  return changed ? corrected.join(' ') : undefined;
}

function wordsOf(text: string): string[] {
  return text
    .toLocaleLowerCase('id')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Elasticsearch's AUTO fuzziness: one edit for 3–5 letters, two from 6. */
function allowedEdits(word: string): number {
  if (word.length < 3) return 0;
  return word.length < 6 ? 1 : 2;
}

function closestWord(word: string, candidates: Set<string>): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance > allowedEdits(word)) continue;
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  return best?.word;
}

/** Levenshtein distance with transpositions counted as one edit (as Elasticsearch counts them). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}
