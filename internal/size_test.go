package internal_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	maxFuncLines = 60  // from the func keyword to the closing brace
	maxFileLines = 300 // lines in a .go file
)

// TestSizes keeps every .go file of the module at most maxFileLines long
// and every function declared in it, tests included, at most maxFuncLines
// long. Dirs the go command ignores (testdata, .*, _*) and generated files
// are left out; function literals are not measured on their own.
func TestSizes(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != ".." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		n++
		if lines := bytes.Count(src, []byte("\n")); lines > maxFileLines {
			t.Errorf("%s: %d lines, over %d", path, lines, maxFileLines)
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil {
				start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
				if lines := end.Line - start.Line + 1; lines > maxFuncLines {
					t.Errorf("%s: func %s is %d lines, over %d", start, fn.Name.Name, lines, maxFuncLines)
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.NotZero(t, n, "no .go files found")
}
