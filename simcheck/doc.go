// Package simcheck is 查重: near-duplicate detection for Chinese statements
// against templates, last year's statements and colleagues' statements.
//
// It works on character shingles of normalised text (whitespace and punctuation
// stripped, full-width folded to half-width), so no word segmentation is needed.
// Two scales share one index:
//
//   - whole documents: one-permutation MinHash signatures with LSH banding give
//     candidates, verified by exact Jaccard and containment on shingle sets
//     (千人一面 among colleagues, last year's text reused);
//   - copied passages: winnowed fingerprints (MOSS-style) find shared k-grams;
//     hits are clustered by diagonal and aligned into passages with positions
//     on both sides and a similarity per passage.
//
// Positions reported to callers are rune offsets in the original texts.
package simcheck
