//! The tree lowering walks: a flat copy of the concrete syntax tree, every
//! node and token in one array in preorder. A node or token is an index into
//! it, so walking allocates nothing and jumps around memory little; building
//! it from the parser's events costs a fraction of building rowan's green
//! tree, which a caller that only wants the AST (`pyx check`, the
//! interpreter) need not build at all ([`crate::parse_ast`]).
//!
//! The operations that leave a node (the next token after a node's end,
//! say) follow rowan's cursor semantics exactly (`first_token`,
//! `next_token`, …, including their stop at an empty node), so that the
//! AST is the one the green tree gives: [`Flat::from_green`] builds this
//! tree from a green tree for callers that have one.

use rowan::{GreenNodeData, NodeOrToken, TextRange, TextSize};

use crate::kind::SyntaxKind;

const NONE: u32 = u32::MAX;

/// Trivia lowering never looks at: whitespace, comments, blank-line
/// newlines, line continuations and the byte-order mark take no place in
/// the flat tree (a node's range still covers them). Type comments and
/// `# type: ignore` stay: lowering reads them. Where the text of the
/// left-out trivia matters (`{x = }` keeps the spaces), [`Token::gap_end`]
/// gives its extent.
///
/// Leaving them out changes no walk's answer. The builder attaches trivia
/// before the next significant token, so inside a node a trivia token is
/// never a first child and always has a following sibling: `first_token`
/// and `last_token` never meet one (the root's trailing tokens aside,
/// which no walk starts from), and the walks that do (`next_token`,
/// `prev_token`) skip every non-significant token anyway, stopping at the
/// same empty nodes as before. `bench/examples/snapshot.rs` checks the
/// ASTs on the whole standard library and broken variants of it.
use crate::lexer::is_ast_free_trivia as is_dropped_trivia;

/// One node or token.
#[derive(Clone, Copy, Debug)]
struct Elem {
    kind: SyntaxKind,
    is_token: bool,
    start: u32,
    end: u32,
    /// The index after this element's subtree (`self + 1` for a token and
    /// an empty node).
    next: u32,
    /// The parent's index (`NONE` for the root).
    parent: u32,
    /// The previous sibling's index (`NONE` for a first child).
    prev: u32,
}

/// A syntax tree in preorder, over its source text.
pub struct Flat<'t> {
    text: &'t str,
    elems: Vec<Elem>,
}

/// Builds a [`Flat`] tree from start/token/finish calls, as rowan's
/// builder does.
pub(crate) struct FlatBuilder<'t> {
    tree: Flat<'t>,
    /// Open nodes: their index and their last child so far.
    open: Vec<(u32, u32)>,
    offset: u32,
}

impl<'t> FlatBuilder<'t> {
    pub(crate) fn new(text: &'t str, capacity: usize) -> FlatBuilder<'t> {
        FlatBuilder {
            tree: Flat { text, elems: Vec::with_capacity(capacity) },
            open: Vec::with_capacity(64),
            offset: 0,
        }
    }

    #[inline]
    fn push(&mut self, kind: SyntaxKind, is_token: bool, end: u32) -> u32 {
        let idx = self.tree.elems.len() as u32;
        let (parent, prev) = match self.open.last_mut() {
            Some((parent, last)) => {
                let prev = *last;
                *last = idx;
                (*parent, prev)
            }
            None => (NONE, NONE),
        };
        self.tree.elems.push(Elem {
            kind,
            is_token,
            start: self.offset,
            end,
            next: idx + 1,
            parent,
            prev,
        });
        idx
    }

    #[inline]
    pub(crate) fn start_node(&mut self, kind: SyntaxKind) {
        let idx = self.push(kind, false, self.offset);
        self.open.push((idx, NONE));
    }

    #[inline]
    pub(crate) fn token(&mut self, kind: SyntaxKind, len: u32) {
        let end = self.offset + len;
        if !is_dropped_trivia(kind) {
            self.push(kind, true, end);
        }
        self.offset = end;
    }

    /// A token at `start..end` of the text: the tokens given need not
    /// cover the text (those of [`crate::lexer::lex_significant`] leave
    /// the trivia out).
    #[inline]
    pub(crate) fn token_at(&mut self, kind: SyntaxKind, start: u32, end: u32) {
        self.offset = start;
        self.token(kind, end - start);
    }

    /// Moves on to `offset` (where the next token starts, or the end of
    /// the text) over trivia that was left out of the tokens; a node
    /// started next starts there, as it would after that trivia's
    /// tokens. Never moves back.
    #[inline]
    pub(crate) fn skip_to(&mut self, offset: u32) {
        self.offset = self.offset.max(offset);
    }

    #[inline]
    pub(crate) fn finish_node(&mut self) {
        let (idx, _) = self.open.pop().expect("a node to finish");
        let next = self.tree.elems.len() as u32;
        let e = &mut self.tree.elems[idx as usize];
        e.end = self.offset;
        e.next = next;
    }

    pub(crate) fn finish(self) -> Flat<'t> {
        assert!(self.open.is_empty() && !self.tree.elems.is_empty(), "the events build exactly one root node");
        self.tree
    }
}

impl<'t> Flat<'t> {
    /// The flat copy of a green tree (whose text is `text`).
    pub fn from_green(green: &GreenNodeData, text: &'t str) -> Flat<'t> {
        fn go(b: &mut FlatBuilder<'_>, green: &GreenNodeData) {
            b.start_node(SyntaxKind::from_raw(green.kind().0));
            for c in green.children() {
                match c {
                    NodeOrToken::Node(n) => go(b, n),
                    NodeOrToken::Token(t) => b.token(SyntaxKind::from_raw(t.kind().0), u32::from(t.text_len())),
                }
            }
            b.finish_node();
        }
        let mut b = FlatBuilder::new(text, 0);
        go(&mut b, green);
        b.finish()
    }

    /// The source text of the tree.
    pub fn text(&self) -> &'t str {
        self.text
    }

    pub(crate) fn root(&self) -> Node<'_> {
        Node { tree: self, idx: 0 }
    }

    /// Every token, in order.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = Token<'_>> {
        (0..self.elems.len() as u32).filter(|&i| self.elems[i as usize].is_token).map(|idx| Token { tree: self, idx })
    }

    #[inline]
    fn elem(&self, idx: u32) -> &Elem {
        &self.elems[idx as usize]
    }

    fn element(&self, idx: u32) -> Element<'_> {
        if self.elem(idx).is_token {
            NodeOrToken::Token(Token { tree: self, idx })
        } else {
            NodeOrToken::Node(Node { tree: self, idx })
        }
    }

    /// rowan's `first_token` of an element: itself if a token, else down
    /// the chain of first children (`None` if it ends in an empty node).
    fn first_token_of(&self, mut idx: u32) -> Option<u32> {
        loop {
            let e = self.elem(idx);
            if e.is_token {
                return Some(idx);
            }
            if e.next == idx + 1 {
                return None;
            }
            idx += 1;
        }
    }

    /// The last child of a node (`None` if it is empty).
    fn last_child(&self, idx: u32) -> Option<u32> {
        let e = self.elem(idx);
        if e.next == idx + 1 {
            return None;
        }
        // The last element of the subtree is inside the last child.
        let mut c = e.next - 1;
        while self.elem(c).parent != idx {
            c = self.elem(c).parent;
        }
        Some(c)
    }

    /// rowan's `last_token` of an element.
    fn last_token_of(&self, mut idx: u32) -> Option<u32> {
        loop {
            if self.elem(idx).is_token {
                return Some(idx);
            }
            idx = self.last_child(idx)?;
        }
    }

    /// rowan's `next_token`: the first token of the next sibling of the
    /// element or of its nearest ancestor that has one.
    fn next_token_of(&self, idx: u32) -> Option<u32> {
        // In preorder the element after a subtree is exactly that sibling.
        let next = self.elem(idx).next;
        if (next as usize) >= self.elems.len() {
            return None;
        }
        self.first_token_of(next)
    }

    /// rowan's `prev_token`.
    fn prev_token_of(&self, idx: u32) -> Option<u32> {
        let mut at = idx;
        loop {
            let e = self.elem(at);
            if e.prev != NONE {
                return self.last_token_of(e.prev);
            }
            if e.parent == NONE {
                return None;
            }
            at = e.parent;
        }
    }
}

/// A node of the tree being lowered.
#[derive(Clone, Copy)]
pub(crate) struct Node<'g> {
    tree: &'g Flat<'g>,
    idx: u32,
}

/// A token of the tree being lowered.
#[derive(Clone, Copy)]
pub(crate) struct Token<'g> {
    tree: &'g Flat<'g>,
    idx: u32,
}

pub(crate) type Element<'g> = NodeOrToken<Node<'g>, Token<'g>>;

fn range_of(e: &Elem) -> TextRange {
    TextRange::new(e.start.into(), e.end.into())
}

impl<'g> Node<'g> {
    #[inline]
    fn elem(&self) -> &'g Elem {
        self.tree.elem(self.idx)
    }

    #[inline]
    pub(crate) fn kind(&self) -> SyntaxKind {
        self.elem().kind
    }

    #[inline]
    pub(crate) fn text_range(&self) -> TextRange {
        range_of(self.elem())
    }

    /// Whether both are the same node of the tree.
    pub(crate) fn is_same(&self, other: &Node<'_>) -> bool {
        std::ptr::eq(self.tree as *const Flat<'_> as *const u8, other.tree as *const Flat<'_> as *const u8) && self.idx == other.idx
    }

    pub(crate) fn parent(&self) -> Option<Node<'g>> {
        let parent = self.elem().parent;
        (parent != NONE).then_some(Node { tree: self.tree, idx: parent })
    }

    /// Child nodes and tokens, in order.
    #[inline]
    pub(crate) fn children_with_tokens(&self) -> Children<'g> {
        Children {
            tree: self.tree,
            at: self.idx + 1,
            end: self.elem().next,
        }
    }

    /// Child nodes, in order.
    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'g>> {
        self.children_with_tokens().filter_map(|e| e.into_node())
    }

    /// The first token, as rowan's `first_token` finds it: down the chain
    /// of first children (`None` if that chain ends in an empty node).
    pub(crate) fn first_token(&self) -> Option<Token<'g>> {
        self.tree.first_token_of(self.idx).map(|idx| Token { tree: self.tree, idx })
    }

    /// The last token, as rowan's `last_token` finds it.
    pub(crate) fn last_token(&self) -> Option<Token<'g>> {
        self.tree.last_token_of(self.idx).map(|idx| Token { tree: self.tree, idx })
    }

    /// The text of the node (the concatenated text of its tokens).
    pub(crate) fn text(&self) -> String {
        self.tree.text[usize::from(self.text_range().start())..usize::from(self.text_range().end())].to_string()
    }

    /// The text of a node made of exactly one token (`None` otherwise).
    pub(crate) fn single_token_text(&self) -> Option<&'g str> {
        let e = self.elem();
        let first = self.idx + 1;
        if first < e.next && self.tree.elem(first).is_token && first + 1 == e.next {
            Some(Token { tree: self.tree, idx: first }.text())
        } else {
            None
        }
    }
}

impl<'g> Token<'g> {
    #[inline]
    fn elem(&self) -> &'g Elem {
        self.tree.elem(self.idx)
    }

    #[inline]
    pub(crate) fn kind(&self) -> SyntaxKind {
        self.elem().kind
    }

    #[inline]
    pub(crate) fn text(&self) -> &'g str {
        let e = self.elem();
        &self.tree.text[e.start as usize..e.end as usize]
    }

    #[inline]
    pub(crate) fn text_range(&self) -> TextRange {
        range_of(self.elem())
    }

    /// Where the trivia left out of the tree after this token ends (its own
    /// end when there is none): the start of the next element in preorder,
    /// which the builder placed after them, or the end of the text.
    pub(crate) fn gap_end(&self) -> TextSize {
        match self.tree.elems.get(self.idx as usize + 1) {
            Some(e) => e.start.into(),
            None => self.tree.elem(0).end.into(),
        }
    }

    /// rowan's `next_token`.
    pub(crate) fn next_token(&self) -> Option<Token<'g>> {
        self.tree.next_token_of(self.idx).map(|idx| Token { tree: self.tree, idx })
    }

    /// rowan's `prev_token`.
    pub(crate) fn prev_token(&self) -> Option<Token<'g>> {
        self.tree.prev_token_of(self.idx).map(|idx| Token { tree: self.tree, idx })
    }
}

/// The children of a node.
pub(crate) struct Children<'g> {
    tree: &'g Flat<'g>,
    at: u32,
    end: u32,
}

impl<'g> Iterator for Children<'g> {
    type Item = Element<'g>;

    #[inline]
    fn next(&mut self) -> Option<Element<'g>> {
        if self.at >= self.end {
            return None;
        }
        let idx = self.at;
        self.at = self.tree.elem(idx).next;
        Some(self.tree.element(idx))
    }
}

/// The range from the first to the last significant token of a node, when
/// both lie inside it; `None` when rowan's token walk would leave the node
/// or stop early (then the caller takes the slow path, [`red_sig_range`]).
///
/// Walking rowan's way from the first token forwards visits the node's
/// elements in preorder, stopping at an empty node; from the last token
/// backwards it visits them in reverse preorder, stopping likewise.
#[inline]
pub(crate) fn sig_range_inside(node: &Node<'_>, is_sig: fn(SyntaxKind) -> bool) -> Option<TextRange> {
    let elems = &node.tree.elems;
    let first = node.idx as usize + 1;
    let end = node.elem().next as usize;
    if first >= end {
        return None;
    }
    let mut start = None;
    for (i, e) in elems[first..end].iter().enumerate() {
        if e.is_token {
            if is_sig(e.kind) {
                start = Some(e.start);
                break;
            }
        } else if e.next as usize == first + i + 1 {
            return None;
        }
    }
    let start = start?;
    for (i, e) in elems[first..end].iter().enumerate().rev() {
        if e.is_token {
            if is_sig(e.kind) {
                return Some(TextRange::new(start.into(), e.end.into()));
            }
        } else if e.next as usize == first + i + 1 {
            return None;
        }
    }
    None
}

/// The first and last significant tokens of a node, found by walking
/// tokens rowan's way (which may leave the node).
pub(crate) fn red_sig_range(node: &Node<'_>, is_sig: fn(SyntaxKind) -> bool) -> TextRange {
    let range = node.text_range();
    let mut first = node.first_token();
    while let Some(t) = &first {
        if is_sig(t.kind()) || !range.contains_range(t.text_range()) {
            break;
        }
        first = t.next_token();
    }
    let mut last = node.last_token();
    while let Some(t) = &last {
        if is_sig(t.kind()) || !range.contains_range(t.text_range()) {
            break;
        }
        last = t.prev_token();
    }
    match (first, last) {
        (Some(f), Some(l)) if f.text_range().start() <= l.text_range().end() => {
            TextRange::new(f.text_range().start(), l.text_range().end())
        }
        _ => TextRange::empty(TextSize::from(range.start())),
    }
}
