//! Stage 2 of folding: the ASCII spelling read as a sequence of sound classes, with the merges.
//!
//! Each word of the spelling is read left to right, longest letter group first (`shch`, `sh`,
//! `ch`, `zh`, `kh`, `gh`, `ts`, `o'`, `g'`), into one symbol per sound class. Symbols are pushed
//! onto a stack that applies the context rules as it goes (a `d` before `j` is dropped, a
//! repeated symbol is written once, ...), so the result is in a normal form that reads back to
//! itself: folding a key again returns the key. The merges and their reasons are listed in the
//! crate documentation.

/// Vowel class of `a`, `o`, `ә`, `ө`.
pub(crate) const A: u8 = b'a';
/// Vowel class of `e`, `i`, `y`, `ы`, `э`, the glides `й`/`y`/`i`, and `o` after a glide (`ё`).
pub(crate) const I: u8 = b'i';
/// Vowel class of `u`, `ў`/`o'`, `ӯ`, `ү`, `ұ`.
pub(crate) const U: u8 = b'u';
/// `kh`, `h`, `x`, `х`, `ҳ`, `һ`.
pub(crate) const H: u8 = b'x';
/// `j`, `zh`, `dzh`, `dj`, `ж`, `дж`, `ҷ` (word-initially merged into [`I`]; written `zh` in
/// the key after a vowel and not before one).
pub(crate) const J: u8 = b'j';
/// `ц`, `ts`, `tc`, Latin `c`.
pub(crate) const TS: u8 = b'c';
/// `ш`, `щ`, `sh`, `shch`, `ş`, `š`.
pub(crate) const SH: u8 = b'S';
/// `ч`, `ch`, `ç`, `č`.
pub(crate) const CH: u8 = b'C';

/// Reads the spelling `spelled` (words separated by single spaces) into symbols in `syms`
/// (cleared first), words separated by single spaces.
pub(crate) fn read_into(spelled: &[u8], syms: &mut Vec<u8>) {
    syms.clear();
    let mut b = Builder { syms, word_start: 0, prev_word_start: None };
    for word in spelled.split(|&c| c == b' ') {
        read_word(word, &mut b);
        b.end_word();
    }
    if b.syms.last() == Some(&b' ') {
        b.syms.pop();
    }
}

/// Writes symbols as the ASCII key: every symbol is its own letter except [`SH`] (`sh`) and
/// [`CH`] (`ch`).
pub(crate) fn write_key(syms: &[u8], out: &mut String) {
    out.reserve(syms.len() + 4);
    for (k, &s) in syms.iter().enumerate() {
        match s {
            SH => out.push_str("sh"),
            CH => out.push_str("ch"),
            // Where a written `j` would read as the glide (after a vowel, not before one), the
            // sound is written `zh` so that the key reads back to itself.
            J if k > 0 && is_vowel(syms[k - 1]) && !syms.get(k + 1).is_some_and(|&n| is_vowel(n)) => out.push_str("zh"),
            other => out.push(char::from(other)),
        }
    }
}

fn is_vowel(sym: u8) -> bool {
    matches!(sym, A | I | U)
}

fn is_vowel_letter(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn read_word(w: &[u8], b: &mut Builder<'_>) {
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < w.len() {
        let (sym, len) = match w[i] {
            b'a' => (A, 1),
            b'o' if at(i + 1) == b'\'' => (U, 2),
            // `yo`/`io` is ё, which both passport systems write `e`.
            b'o' if i > 0 && matches!(w[i - 1], b'y' | b'i') => (I, 1),
            b'o' => (A, 1),
            b'e' | b'i' | b'y' => (I, 1),
            b'u' => (U, 1),
            b'g' if matches!(at(i + 1), b'\'' | b'h') => (b'g', 2),
            b'h' | b'x' => (H, 1),
            b'k' if at(i + 1) == b'h' => (H, 2),
            b'q' => (b'k', 1),
            b'c' if at(i + 1) == b'h' => (CH, 2),
            b'c' => (TS, 1),
            b's' if at(i + 1) == b'h' && at(i + 2) == b'c' && at(i + 3) == b'h' => (SH, 4),
            b's' if at(i + 1) == b'h' => (SH, 2),
            b't' if at(i + 1) == b's' && at(i + 2) != b'h' => (TS, 2),
            b'z' if at(i + 1) == b'h' => (J, 2),
            b'w' => (b'v', 1),
            // German and Slavic Latin `j` after a vowel and not before one is the glide й:
            // `Andrej`, `Sergej`, `Ajdar`.
            b'j' if i > 0 && is_vowel_letter(w[i - 1]) && !is_vowel_letter(at(i + 1)) => (I, 1),
            // A lone apostrophe (Uzbek tutuq belgisi, a transliterated soft sign) separates
            // letters without being a sound: `Is'hoq` is `s` + `h`, not `sh`.
            b'\'' => {
                i += 1;
                continue;
            }
            other => (other, 1),
        };
        b.push(sym);
        i += len;
    }
}

struct Builder<'a> {
    syms: &'a mut Vec<u8>,
    word_start: usize,
    prev_word_start: Option<usize>,
}

impl Builder<'_> {
    fn top(&self) -> Option<u8> {
        if self.syms.len() > self.word_start { self.syms.last().copied() } else { None }
    }

    fn push(&mut self, mut sym: u8) {
        loop {
            match (self.top(), sym) {
                // `dzh`/`dj`/`дж` are one sound, `j`.
                (Some(b'd'), J) => {
                    self.syms.pop();
                }
                // `t's`, `tc` (GOST 2010-2013 ц) and `tts` are ц.
                (Some(b't'), b's' | TS) => {
                    self.syms.pop();
                    sym = TS;
                }
                // `shch` is щ, merged with ш.
                (Some(SH), CH) => return,
                _ => break,
            }
        }
        if sym == J && self.top().is_none() {
            sym = I;
        }
        if self.top() != Some(sym) {
            self.syms.push(sym);
        }
    }

    fn end_word(&mut self) {
        let word = &self.syms[self.word_start..];
        if word.is_empty() {
            return;
        }
        if word.ends_with(b"zadi") {
            // Persian -zade, written -заде/-zade, is the same family as -zoda/-zada.
            if let Some(last) = self.syms.last_mut() {
                *last = A;
            }
        }
        if &self.syms[self.word_start..] == b"zada"
            && let Some(prev) = self.prev_word_start
        {
            // `Rahmon zoda`, `Rahmon-zoda` and `Rahmonzoda` are one surname.
            self.syms.truncate(self.word_start - 1);
            self.word_start = prev;
            self.prev_word_start = None;
            for &s in b"zada" {
                self.push(s);
            }
        }
        self.syms.push(b' ');
        self.prev_word_start = Some(self.word_start);
        self.word_start = self.syms.len();
    }
}
