/// Maps byte offsets in a segment's text back to byte offsets in the file.
///
/// Stored as pieces `(segment_offset, file_offset)`: inside a piece the two
/// advance together, so plain text needs one piece and each decoded entity
/// or skipped markup run starts a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// The file offset of segment offset 0 while there are no pieces: a
    /// shifted map (a plain-text paragraph) needs no allocation.
    shift: usize,
    pieces: Vec<(usize, usize)>,
    /// Explicit ends `(segment_offset, file_offset)` for pieces whose text
    /// stands for source text of another length (decoded entities,
    /// placeholders), in increasing segment order.
    ends: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// A map that shifts every offset by `file_start`.
    pub fn shifted(file_start: usize) -> OffsetMap {
        OffsetMap {
            shift: file_start,
            pieces: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Start a new piece: segment offset `seg` corresponds to file offset `file`.
    /// Pieces must be pushed in increasing segment order.
    pub fn push(&mut self, seg: usize, file: usize) {
        if self.pieces.is_empty() && self.shift != 0 {
            self.pieces.push((0, self.shift));
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.0 == seg {
                *last = (seg, file);
                return;
            }
        }
        self.pieces.push((seg, file));
    }

    /// Record that a span ending at segment offset `seg` ends at file offset
    /// `file` (the end of a decoded entity's source text).
    pub fn push_end(&mut self, seg: usize, file: usize) {
        if let Some(last) = self.ends.last_mut() {
            if last.0 == seg {
                *last = (seg, file);
                return;
            }
        }
        self.ends.push((seg, file));
    }

    /// The file offset of segment offset `seg`.
    pub fn to_file(&self, seg: usize) -> usize {
        let i = self.pieces.partition_point(|&(s, _)| s <= seg);
        match i.checked_sub(1) {
            Some(i) => {
                let (s, f) = self.pieces[i];
                f + (seg - s)
            }
            None => seg + self.shift,
        }
    }

    /// The file offset where a span ending at segment offset `seg` ends.
    ///
    /// Differs from [`OffsetMap::to_file`] at piece boundaries: the end of a
    /// decoded entity is the end of its source text, not the start of the next piece.
    pub fn end_to_file(&self, seg: usize) -> usize {
        if let Ok(i) = self.ends.binary_search_by_key(&seg, |&(s, _)| s) {
            return self.ends[i].1;
        }
        if seg == 0 {
            return self.to_file(0);
        }
        self.to_file(seg - 1) + 1
    }

    /// The file span of segment span `start..end` (an empty span stays empty).
    pub fn span_to_file(&self, start: usize, end: usize) -> (usize, usize) {
        let file_start = self.to_file(start);
        if end == start {
            (file_start, file_start)
        } else {
            (file_start, self.end_to_file(end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_maps_every_offset() {
        let m = OffsetMap::shifted(3);
        assert_eq!(m.to_file(0), 3);
        assert_eq!(m.to_file(10), 13);
        assert_eq!(m.end_to_file(10), 13);
    }

    #[test]
    fn entity_piece_maps_ends_to_source_end() {
        // "a &amp; b" decoded to "a & b": "&" at seg 2 is file 2..7.
        let mut m = OffsetMap::default();
        m.push(0, 0);
        m.push(3, 7);
        assert_eq!(m.to_file(2), 2);
        assert_eq!(m.to_file(3), 7);
        assert_eq!(m.end_to_file(3), 3);
        assert_eq!(m.to_file(4), 8);
        m.push_end(3, 7);
        assert_eq!(m.end_to_file(3), 7);
    }
}
