package report

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/benchrig/benchrig"
)

// Family is what one benchmark family declares about itself in
// bench/<family>/family.toml: the report learns every family from these
// files alone (go doc ./bench, "What the report says").
type Family struct {
	Name      string      `toml:"-"`         // the folder's name, which is the rows' package
	Benchmark string      `toml:"benchmark"` // the benchmark its rows start with: DirectIO
	Order     int         `toml:"order"`     // place on the page
	Units     []string    `toml:"units"`     // compared and charted in, the first for trends
	Latency   []string    `toml:"latency"`   // percentiles for the latency chart
	Scale     []string    `toml:"scale"`     // name keys that give a row's size
	Rank      rankRule    `toml:"rank"`
	Define    string      `toml:"define"` // {{define}}s the family's templates share
	Headlines []Sentence  `toml:"headline"`
	Claims    []ClaimDecl `toml:"claim"`
	DevLoop   []Step      `toml:"devloop"` // steps of the dev loop, for "good for Go work?"
	Expect    []Expect    `toml:"expect"`  // what the family's doc says to expect

	file string
	tmpl *template.Template // Define and every sentence, number and rule, by name
}

// rankRule orders the rows that match one want: of several, the report
// takes the one whose Key value comes first in Order (the most realistic),
// then the one with the largest Number key.
type rankRule struct {
	Key    string   `toml:"key"`
	Order  []string `toml:"order"`
	Number string   `toml:"number"`
}

// Sentence is one headline: what it is About, the rows it needs (key=value
// lists; the later ones at the first one's Scale) and the template that
// Says it.
type Sentence struct {
	About string     `toml:"about"`
	Rows  [][]string `toml:"rows"`
	Say   string     `toml:"say"`
}

// Step is one step of the Go dev loop that the summary's answer to "is
// this machine good for Go work?" weighs: the row that times it (ns/op).
type Step struct {
	About string   `toml:"about"`
	Row   []string `toml:"row"`
}

// Expect is an expectation the family's documentation states: when Holds
// (a template over Rows, like a claim's) says false, the summary flags it
// with Why, a template naming the likely cause and the fix.
type Expect struct {
	About string     `toml:"about"`
	Rows  [][]string `toml:"rows"`
	Holds string     `toml:"holds"`
	Why   string     `toml:"why"`
}

// ClaimDecl is a claim a family judges: its words, the rows it needs (Rows,
// or the first of Try that the machine has all of, and the Optional rows
// it uses when present), the template of its Number and the template that
// says whether it Holds ("true" or "false"). Without Number the claim is
// listed and not judged.
type ClaimDecl struct {
	ID       string       `toml:"id"`
	Text     string       `toml:"text"`
	Tests    string       `toml:"tests"`
	Would    string       `toml:"would"`
	Rows     [][]string   `toml:"rows"`
	Try      [][][]string `toml:"try"`
	Optional [][]string   `toml:"optional"`
	Measure  [][]string   `toml:"measure"` // what a claims run measures (benchrig.ClaimRows)
	Hint     string       `toml:"hint"`    // how to run what the claim needs
	Number   string       `toml:"number"`
	Holds    string       `toml:"holds"`
}

// families are the embedded declarations, in page order.
var families = sync.OnceValue(func() []*Family {
	fams, err := loadFamilies(benchrig.FamilyFiles)
	if err != nil {
		panic(err) // the files are compiled in; the package's tests load them
	}
	return fams
})

// Families are the families' names, in page order.
func Families() []string {
	var names []string
	for _, f := range families() {
		names = append(names, f.Name)
	}
	return names
}

func familyOf(name string) *Family {
	for _, f := range families() {
		if f.Name == name {
			return f
		}
	}
	return &Family{Name: name}
}

var familyName = regexp.MustCompile(`^bench/([a-z][a-z0-9]*)/family\.toml$`)

// loadFamilies reads every bench/*/family.toml of fsys and compiles its
// templates; an error names the file and line.
func loadFamilies(fsys fs.FS) ([]*Family, error) {
	names, err := fs.Glob(fsys, "bench/*/family.toml")
	if err != nil {
		return nil, err
	}
	var fams []*Family
	var errs []error
	for _, name := range names {
		f, err := loadFamily(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fams = append(fams, f)
	}
	slices.SortStableFunc(fams, func(a, b *Family) int { return cmp.Compare(a.Order, b.Order) })
	return fams, errors.Join(errs...)
}

func loadFamily(fsys fs.FS, name string) (*Family, error) {
	m := familyName.FindStringSubmatch(name)
	if m == nil {
		return nil, fmt.Errorf("%s: a family's folder name is lowercase letters and digits", name)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	f := &Family{Name: m[1], file: name}
	md, err := toml.Decode(string(data), f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d: %s", name, perr.Position.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s; the keys are in go doc ./bench", name, un[0])
	}
	if f.Benchmark == "" || len(f.Units) == 0 {
		return nil, fmt.Errorf("%s: benchmark and units are required (benchmark = \"Name\", units = [\"ns/op\"])", name)
	}
	return f, f.compile()
}

// compile parses the family's templates into one set, named "headline N",
// "ID number" and "ID holds".
func (f *Family) compile() error {
	f.tmpl = template.New(f.Name).Funcs(rowFuncs(nil)).Option("missingkey=error")
	if _, err := f.tmpl.Parse(f.Define); err != nil {
		return fmt.Errorf("%s: define: %w", f.file, err)
	}
	parse := func(name, text string) error {
		if _, err := f.tmpl.New(name).Parse(text); err != nil {
			return fmt.Errorf("%s: %s: %w", f.file, name, err)
		}
		return nil
	}
	for i, h := range f.Headlines {
		if len(h.Rows) == 0 || h.Say == "" {
			return fmt.Errorf("%s: headline %q needs rows and say", f.file, h.About)
		}
		if err := parse("headline "+strconv.Itoa(i), h.Say); err != nil {
			return err
		}
	}
	for i, e := range f.Expect {
		if len(e.Rows) == 0 || e.Holds == "" || e.Why == "" {
			return fmt.Errorf("%s: expect %q needs rows, holds and why", f.file, e.About)
		}
		n := "expect " + strconv.Itoa(i)
		if err := errors.Join(parse(n+" holds", e.Holds), parse(n+" why", e.Why)); err != nil {
			return err
		}
	}
	for _, st := range f.DevLoop {
		if st.About == "" || len(st.Row) == 0 {
			return fmt.Errorf("%s: devloop steps need about and row", f.file)
		}
	}
	for _, c := range f.Claims {
		if !strings.HasPrefix(c.ID, "C") || c.Text == "" || c.Would == "" || c.Tests == "" {
			return fmt.Errorf("%s: claim %q needs an id C<N>, text, tests and would", f.file, c.ID)
		}
		if (c.Number == "") != (c.Holds == "") || (c.Number != "" && len(c.Rows) == 0 && len(c.Try) == 0) {
			return fmt.Errorf("%s: claim %s: number, holds and rows (or try) go together", f.file, c.ID)
		}
		if err := errors.Join(parse(c.ID+" number", c.Number), parse(c.ID+" holds", c.Holds)); err != nil {
			return err
		}
	}
	return nil
}

// say executes the named template over rows.
func (f *Family) say(name string, rows []*Row) (string, error) {
	t, err := f.tmpl.Clone()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Funcs(rowFuncs(rows)).ExecuteTemplate(&b, name, nil); err != nil {
		for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
			err = u // the function's own error, without the template's position
		}
		return "", err
	}
	return b.String(), nil
}

// rank orders rows matching one want by the family's rank rule: the
// larger, the more realistic.
func (f *Family) rank(r *Row) int {
	if i := slices.Index(f.Rank.Order, r.Keys[f.Rank.Key]); i >= 0 && f.Rank.Key != "" {
		return (len(f.Rank.Order) - i) << 20
	}
	if f.Rank.Number == "" {
		return 0
	}
	n, _ := strconv.Atoi(r.Keys[f.Rank.Number])
	return min(n, 1<<20-1)
}

// sameScale adds first's scale keys to want.
func (f *Family) sameScale(want []string, first *Row) []string {
	want = slices.Clone(want)
	for _, k := range f.Scale {
		if v, ok := first.Keys[k]; ok && !slices.ContainsFunc(want, func(kv string) bool { return strings.HasPrefix(kv, k+"=") }) {
			want = append(want, k+"="+v)
		}
	}
	return want
}
