package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newGoldmark returns the markdown dialect both renderers share: CommonMark
// plus the GFM table, strikethrough and task-list extensions.
//
// The body mixes our template text with customer data (user names, e-mails,
// SPF records), so raw HTML is never recognised at all: the HTML block and
// inline raw-HTML parsers are left out, which makes "<script>" plain text
// that each renderer prints literally (escaped in HTML). Linkify and the
// typographer are left out too, so what the customer typed is what prints.
func newGoldmark() goldmark.Markdown {
	p := parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(parser.NewSetextHeadingParser(), 100),
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(parser.NewListParser(), 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(parser.NewATXHeadingParser(), 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(parser.NewBlockquoteParser(), 800),
			// no HTML block parser (900)
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			// no raw HTML parser (400)
			util.Prioritized(parser.NewEmphasisParser(), 500),
		),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
		),
	)
}

// parseMarkdown parses src with the shared dialect. Text segments in the
// returned tree point into src, so callers keep src alongside the node.
func parseMarkdown(src []byte) ast.Node {
	return newGoldmark().Parser().Parse(text.NewReader(src))
}
