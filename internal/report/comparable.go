package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// comparability names, once each, what keeps the machines' files from
// being compared row by row: -short runs, and families run at different
// scales (sizes, trees) than the reference, so only rows at the same scale
// are compared. Each note gives the command that would make them
// comparable.
func comparability(d *Data, ref *Machine) []string {
	var notes []string
	short := 0
	for _, m := range d.Machines {
		if m.Value("short") == "on" {
			short++
		}
	}
	if short == len(d.Machines) {
		notes = append(notes, "every file is from a -short run (smaller sizes and trees, 100ms per sub-benchmark): the summary judges what it can; run without -short (go tool benchrig run) for the full answer")
	}
	for _, m := range d.Machines {
		if m == ref {
			continue
		}
		for _, f := range families() {
			mine, theirs := m.scales(f), ref.scales(f)
			if len(mine) == 0 || len(theirs) == 0 || slices.Equal(mine, theirs) {
				continue
			}
			why := ""
			if m.Value("short") == "on" && ref.Value("short") != "on" {
				why = fmt.Sprintf(" (%s is a -short run)", m.Label)
			}
			notes = append(notes, fmt.Sprintf("%s: %s ran %s, %s ran %s%s, so only rows at the same scale are compared; run both the same way (go tool benchrig run, without -short) to compare them all",
				f.Name, m.Label, strings.Join(mine, ", "), ref.Label, strings.Join(theirs, ", "), why))
		}
	}
	return notes
}

// scales lists the scale key=values of f's rows on m, sorted.
func (m *Machine) scales(f *Family) []string {
	set := map[string]bool{}
	for _, r := range m.Rows {
		if r.Family != f.Name {
			continue
		}
		for _, k := range f.Scale {
			if v, ok := r.Keys[k]; ok {
				set[k+"="+v] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}
