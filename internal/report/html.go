package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
)

//go:embed report.html.tmpl
var htmlText string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"anchor": Anchor,
	"color":  func(i int) template.CSS { return template.CSS(Color(i)) },
	"class":  func(v Verdict) string { return strings.ReplaceAll(string(v), " ", "-") },
	"pair":   func(a, b any) struct{ A, B any } { return struct{ A, B any }{a, b} },
}).Parse(htmlText))

// HTML writes the page: one self-contained file, inline CSS and SVG, no
// scripts and no network.
func (p *Page) HTML(w io.Writer) error { return htmlTmpl.Execute(w, p) }
