//! Words that take a full stop without ending a sentence.

/// Titles and ranks written before a name ("Dr.", "Brig. Gen."): a full stop
/// after them never ends a sentence.
const TITLES: &[&str] = &[
    "adm", "amb", "brig", "capt", "cmdr", "col", "cpl", "dr", "gen", "gov", "hon", "lt", "maj",
    "messrs", "mr", "mrs", "ms", "mt", "pres", "prof", "rep", "rev", "sen", "sgt", "st", "supt",
];

/// Other abbreviations that usually sit inside a sentence.
const OTHERS: &[&str] = &[
    "approx", "ave", "co", "corp", "dept", "est", "ft", "inc", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "jr", "sr", "ltd", "no", "nos", "vol", "vs",
];

/// Is `word` (without its full stop) a title abbreviation such as "Dr" or "Gen"?
pub fn is_title(word: &str) -> bool {
    contains(TITLES, word)
}

/// Is `word` (without its full stop) a known abbreviation of any kind?
pub fn is_abbreviation(word: &str) -> bool {
    contains(TITLES, word) || contains(OTHERS, word)
}

fn contains(list: &[&str], word: &str) -> bool {
    word.len() <= 8 && list.iter().any(|a| a.eq_ignore_ascii_case(word))
}
