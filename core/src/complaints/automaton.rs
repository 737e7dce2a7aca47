//! One Aho–Corasick automaton over every lexicon phrase, on characters, leftmost-longest.
//!
//! Written here rather than taken from the `aho-corasick` crate because kefu ships in the
//! browser: the crate added ~74 KB of wasm code for features the reader does not use
//! (BENCHMARKS.md, issue 5). This one is the textbook construction: a trie of the phrases,
//! failure links by breadth-first search, and for each state a link to the nearest state on
//! its failure chain that ends a phrase. Scanning is one transition per character; every
//! phrase ending at a character is found by following those links (at most the longest
//! phrase's length of them), so the whole scan is linear in the text.

/// A state: its outgoing edges (sorted by character), its failure link, the phrase it ends
/// (if any) and the nearest state on its failure chain that ends a phrase.
#[derive(Debug, Clone)]
struct State {
    edges: Vec<(char, u32)>,
    fail: u32,
    ends: Option<u32>,
    next_end: Option<u32>,
    depth: u32,
}

/// The compiled automaton.
#[derive(Debug, Clone)]
pub struct Automaton {
    states: Vec<State>,
    /// The root's transitions for every BMP character (0: none), so the common case, a
    /// character that starts no phrase, costs one lookup.
    root: Vec<u32>,
}

/// A match: the phrase's index and its span in character indices (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the phrase in the list the automaton was built from.
    pub phrase: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Automaton {
    /// Build from phrases (already folded). Empty phrases are ignored; of two equal phrases
    /// the first wins.
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Automaton {
        let mut states = vec![State {
            edges: Vec::new(),
            fail: 0,
            ends: None,
            next_end: None,
            depth: 0,
        }];
        for (index, phrase) in phrases.iter().enumerate() {
            let mut at = 0usize;
            for c in phrase.as_ref().chars() {
                let found = states
                    .get(at)
                    .and_then(|s| {
                        s.edges
                            .binary_search_by_key(&c, |e| e.0)
                            .ok()
                            .map(|i| (s, i))
                    })
                    .and_then(|(s, i)| s.edges.get(i))
                    .map(|e| e.1 as usize);
                at = match found {
                    Some(next) => next,
                    None => {
                        let next = states.len();
                        let depth = states.get(at).map_or(0, |s| s.depth + 1);
                        states.push(State {
                            edges: Vec::new(),
                            fail: 0,
                            ends: None,
                            next_end: None,
                            depth,
                        });
                        if let Some(s) = states.get_mut(at) {
                            let i = s.edges.partition_point(|e| e.0 < c);
                            s.edges.insert(i, (c, next as u32));
                        }
                        next
                    }
                };
            }
            if let Some(s) = states.get_mut(at).filter(|_| at != 0) {
                s.ends.get_or_insert(index as u32);
            }
        }
        // Failure links, breadth first: a state's failure is the longest proper suffix of its
        // path that is also a path in the trie.
        let mut queue = std::collections::VecDeque::new();
        let root_edges: Vec<u32> = states
            .first()
            .map(|s| s.edges.iter().map(|e| e.1).collect())
            .unwrap_or_default();
        queue.extend(root_edges);
        while let Some(s) = queue.pop_front() {
            let edges = states
                .get(s as usize)
                .map(|x| x.edges.clone())
                .unwrap_or_default();
            for (c, child) in edges {
                let mut f = states.get(s as usize).map_or(0, |x| x.fail);
                let fail = loop {
                    if let Some(t) = step(&states, f, c).filter(|&t| t != child) {
                        break t;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = states.get(f as usize).map_or(0, |x| x.fail);
                };
                let next_end = states.get(fail as usize).and_then(|x| {
                    if x.ends.is_some() {
                        Some(fail)
                    } else {
                        x.next_end
                    }
                });
                if let Some(x) = states.get_mut(child as usize) {
                    x.fail = fail;
                    x.next_end = next_end;
                }
                queue.push_back(child);
            }
        }
        let mut root = vec![0u32; 0x1_0000];
        for &(c, next) in states
            .first()
            .map(|s| s.edges.as_slice())
            .unwrap_or_default()
        {
            if let Some(slot) = root.get_mut(c as usize) {
                *slot = next;
            }
        }
        Automaton { states, root }
    }

    /// The transition of `state` on `c`, if the trie has one.
    fn step(&self, state: u32, c: char) -> Option<u32> {
        if state == 0 {
            if let Some(&next) = self.root.get(c as usize) {
                return (next != 0).then_some(next);
            }
        }
        step(&self.states, state, c)
    }

    /// Every phrase in `chars`, leftmost-longest and not overlapping, in text order.
    pub fn find(&self, chars: &[char]) -> Vec<Match> {
        // All matches, then the leftmost, longest first, skipping what overlaps a taken one.
        let mut all = Vec::new();
        let mut at = 0u32;
        for (i, &c) in chars.iter().enumerate() {
            loop {
                if let Some(t) = self.step(at, c) {
                    at = t;
                    break;
                }
                if at == 0 {
                    break;
                }
                at = self.states.get(at as usize).map_or(0, |s| s.fail);
            }
            let mut s = Some(at);
            while let Some(id) = s {
                let Some(state) = self.states.get(id as usize) else {
                    break;
                };
                if let Some(phrase) = state.ends {
                    let len = state.depth as usize;
                    all.push(Match {
                        phrase: phrase as usize,
                        start: i + 1 - len,
                        end: i + 1,
                    });
                }
                s = state.next_end;
            }
        }
        // The longest match starting at each position (a bucket per start, not a sort: the
        // same result in linear time and without a sort's code in the wasm build).
        let mut longest: Vec<Option<Match>> = vec![None; chars.len()];
        for m in all {
            if let Some(slot) = longest.get_mut(m.start) {
                if slot.as_ref().is_none_or(|best| m.end > best.end) {
                    *slot = Some(m);
                }
            }
        }
        let mut taken = Vec::new();
        let mut free_from = 0;
        for m in longest.into_iter().flatten() {
            if m.start >= free_from {
                free_from = m.end;
                taken.push(m);
            }
        }
        taken
    }
}

/// The transition of `state` on `c`, if the trie has one.
fn step(states: &[State], state: u32, c: char) -> Option<u32> {
    let s = states.get(state as usize)?;
    s.edges
        .binary_search_by_key(&c, |e| e.0)
        .ok()
        .and_then(|i| s.edges.get(i))
        .map(|e| e.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(phrases: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        Automaton::new(phrases)
            .find(&chars)
            .into_iter()
            .map(|m| (m.phrase, m.start, m.end))
            .collect()
    }

    #[test]
    fn leftmost_then_longest_without_overlap() {
        let p = ["质量", "质量差", "量差", "差评", "he", "she", "hers"];
        assert_eq!(spans(&p, "质量差评"), vec![(1, 0, 3)]);
        assert_eq!(spans(&p, "量差评"), vec![(2, 0, 2)]);
        assert_eq!(spans(&p, "ushers"), vec![(5, 1, 4)]);
        assert_eq!(spans(&p, "质量，差评"), vec![(0, 0, 2), (3, 3, 5)]);
        assert!(spans(&p, "").is_empty());
    }

    /// Against a brute force over every position, on texts built from the phrases' chars.
    #[test]
    fn agrees_with_brute_force() {
        let phrases = ["ab", "abc", "bca", "c", "caa", "aab", "bb"];
        let alphabet = ['a', 'b', 'c'];
        for n in 0..2000u32 {
            let mut x = n;
            let text: Vec<char> = (0..8)
                .map(|_| {
                    let c = alphabet[(x % 3) as usize];
                    x /= 3;
                    c
                })
                .collect();
            let mut expect = Vec::new();
            let mut i = 0;
            while i < text.len() {
                let best = phrases
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| text[i..].iter().collect::<String>().starts_with(*p))
                    .max_by_key(|(k, p)| (p.chars().count(), std::cmp::Reverse(*k)));
                match best {
                    Some((k, p)) => {
                        let len = p.chars().count();
                        expect.push(Match {
                            phrase: k,
                            start: i,
                            end: i + len,
                        });
                        i += len;
                    }
                    None => i += 1,
                }
            }
            assert_eq!(Automaton::new(&phrases).find(&text), expect, "{text:?}");
        }
    }
}
