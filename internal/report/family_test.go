package report

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryFamilyDeclaresItself checks that each folder under bench/ with
// Go code has a family.toml the report loads, and nothing else does.
func TestEveryFamilyDeclaresItself(t *testing.T) {
	dirs, err := os.ReadDir("../../bench")
	require.NoError(t, err)
	var want []string
	for _, d := range dirs {
		if d.IsDir() && d.Name() != "testdata" {
			want = append(want, d.Name())
		}
	}
	assert.ElementsMatch(t, want, Families())
	for _, f := range families() {
		assert.NotEmpty(t, f.Headlines, "%s: a family says something about itself", f.Name)
	}
}

const toyFamily = `
benchmark = "Toy"
units = ["ns/op"]
scale = ["n"]

[[headline]]
about = "a toy op"
rows = [["kind=fast"], ["kind=slow"]]
say = '{{text 0 "ns/op"}}, {{times 1 0 "ns/op"}} slower'
`

// TestANewFamilyIsItsFolder shows a family added by its family.toml alone:
// its sentence is written from its rows.
func TestANewFamilyIsItsFolder(t *testing.T) {
	fams, err := loadFamilies(fstest.MapFS{"bench/toy/family.toml": {Data: []byte(toyFamily)}})
	require.NoError(t, err)
	require.Len(t, fams, 1)
	m := machineOf(
		&Row{Family: "toy", Name: "Toy/kind=fast/n=1", Keys: map[string]string{"kind": "fast", "n": "1"}, Values: map[string][]float64{"ns/op": six(100)}},
		&Row{Family: "toy", Name: "Toy/kind=slow/n=2", Keys: map[string]string{"kind": "slow", "n": "2"}, Values: map[string][]float64{"ns/op": six(900)}},
		&Row{Family: "toy", Name: "Toy/kind=slow/n=1", Keys: map[string]string{"kind": "slow", "n": "1"}, Values: map[string][]float64{"ns/op": six(300)}},
	)
	rows, missing := m.rowsOf(fams[0], fams[0].Headlines[0].Rows)
	require.NotNil(t, rows, "missing %v", missing)
	assert.Equal(t, "Toy/kind=slow/n=1", rows[1].Name, "the second row is taken at the first one's scale")
	got, err := fams[0].say("headline 0", rows)
	require.NoError(t, err)
	assert.Equal(t, "100.0ns [99.00ns–101.0ns], 3× [2.94–3.06] slower", got)
}

func TestBadFamilyFile(t *testing.T) {
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"toml syntax", "bench/toy/family.toml", "benchmark = \n", "bench/toy/family.toml:1:"},
		{"unknown key", "bench/toy/family.toml", "colour = \"red\"\n" + toyFamily, "unknown key colour"},
		{"no benchmark", "bench/toy/family.toml", "units = [\"ns/op\"]\n", "benchmark and units are required"},
		{"bad folder name", "bench/Toy/family.toml", toyFamily, "lowercase letters and digits"},
		{"unknown function", "bench/toy/family.toml", toyFamily + "[[headline]]\nabout = \"x\"\nrows = [[\"a=b\"]]\nsay = '{{nope 0}}'\n", `headline 1: template: headline 1:1: function "nope" not defined`},
		{"number without holds", "bench/toy/family.toml", toyFamily + "[[claim]]\nid = \"C1\"\ntext = \"t\"\ntests = \"t\"\nwould = \"w\"\nrows = [[\"a=b\"]]\nnumber = \"n\"\n", "claim C1: number, holds and rows (or try) go together"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadFamilies(fstest.MapFS{tc.file: {Data: []byte(tc.text)}})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestRuleNeedsAMissingUnit shows a sentence that needs a number its row
// lacks saying so, and a claim that needs one not testable.
func TestRuleNeedsAMissingUnit(t *testing.T) {
	m := machineOf(modresRow("tool=build/mode=mod/tree=service/cache=cold", map[string][]float64{"ns/op": six(1e9)}))
	for _, c := range m.Judge() {
		if c.ID == "C12" {
			assert.Equal(t, NotTestable, c.Verdict)
			assert.Equal(t, "the rows' numbers cannot judge it: Resolve/tool=build/mode=mod/tree=service/cache=cold: read-B/op not reported", c.Missing)
		}
	}
}
