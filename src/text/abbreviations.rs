//! Words that take a full stop without ending a sentence.

/// Is `word` (without its full stop) a title abbreviation such as "Dr" or "Gen"?
///
/// Titles and ranks are written before a name ("Dr.", "Brig. Gen."): a full
/// stop after them never ends a sentence.
pub fn is_title(word: &str) -> bool {
    let mut buf = [0; LONGEST];
    lowered(word, &mut buf).is_some_and(title)
}

/// Is `word` (without its full stop) a known abbreviation of any kind?
pub fn is_abbreviation(word: &str) -> bool {
    let mut buf = [0; LONGEST];
    lowered(word, &mut buf).is_some_and(|w| title(w) || other(w))
}

/// No abbreviation is longer (in bytes).
const LONGEST: usize = 6;

/// `word` with ASCII letters lowered, in `buf`; `None` when it is too long
/// to be an abbreviation. Why: the lists are matched against by every word
/// before a full stop, and a `match` on the lowered bytes answers without
/// walking a list.
fn lowered<'b>(word: &str, buf: &'b mut [u8; LONGEST]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    Some(out)
}

/// Titles and ranks, lowered.
fn title(word: &[u8]) -> bool {
    matches!(
        word,
        b"adm"
            | b"amb"
            | b"brig"
            | b"capt"
            | b"cmdr"
            | b"col"
            | b"cpl"
            | b"dr"
            | b"gen"
            | b"gov"
            | b"hon"
            | b"lt"
            | b"maj"
            | b"messrs"
            | b"mr"
            | b"mrs"
            | b"ms"
            | b"mt"
            | b"pres"
            | b"prof"
            | b"rep"
            | b"rev"
            | b"sen"
            | b"sgt"
            | b"st"
            | b"supt"
    )
}

/// Other abbreviations that usually sit inside a sentence, lowered.
fn other(word: &[u8]) -> bool {
    matches!(
        word,
        b"approx"
            | b"ave"
            | b"co"
            | b"corp"
            | b"dept"
            | b"est"
            | b"ft"
            | b"inc"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"aug"
            | b"sept"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"jr"
            | b"sr"
            | b"ltd"
            | b"no"
            | b"nos"
            | b"vol"
            | b"vs"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_match_in_any_case() {
        assert!(is_title("Gen") && is_title("MESSRS") && is_title("dr"));
        assert!(!is_title("Inc") && is_abbreviation("Inc"));
        assert!(is_abbreviation("APPROX") && is_abbreviation("Brig"));
        assert!(!is_abbreviation("approxi") && !is_abbreviation("") && !is_abbreviation("the"));
    }
}
