package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Cell is one machine's number for one row and unit, and its ratio to the
// reference machine.
type Cell struct {
	Machine  string
	Stat     Stat
	Missing  string // why there is no number: "not run" or the skip reason
	Ratio    Ratio
	HasRatio bool
	Busy     string
	Anchor   string // raw-numbers anchor of the row on this machine
}

// Compared is one row and unit across machines.
type Compared struct {
	ID, Label, Unit string
	Better          string // "higher" or "lower" (harness/units)
	Cells           []Cell
}

// FamilyView is one family across machines.
type FamilyView struct {
	Family string
	Rows   []Compared
	Charts []*Chart
}

// compareFamily builds the family's comparison rows and charts; ref is the
// index of the reference machine.
func compareFamily(family string, ms []*Machine, ref int) FamilyView {
	fv := FamilyView{Family: family}
	ids := familyRows(family, ms)
	if len(ids) == 0 {
		return fv
	}
	labels := shortLabels(ids)
	for _, unit := range familyOf(family).Units {
		ch := &Chart{ID: "chart-" + family, Title: family + ": " + unitInfo[unit], Unit: unit, Machines: labelsOf(ms)}
		for k, id := range ids {
			c := compareRow(id, unit, ms, ref)
			c.Label = labels[k]
			fv.Rows = append(fv.Rows, c)
			ch.add(labels[k], c.Cells)
		}
		fv.Charts = append(fv.Charts, ch)
	}
	if lat := latencyChart(family, ids, labels, ms, ref); lat != nil {
		fv.Charts = append(fv.Charts, lat)
	}
	return fv
}

// latencyChart draws the latency percentiles of the family's rows that
// report them, or returns nil when none does.
func latencyChart(family string, ids, labels []string, ms []*Machine, ref int) *Chart {
	ch := &Chart{ID: "chart-" + family + "-latency", Title: family + ": request latency percentiles", Unit: "ns", Machines: labelsOf(ms)}
	for k, id := range ids {
		for _, unit := range familyOf(family).Latency {
			c := compareRow(id, unit, ms, ref)
			if !slices.ContainsFunc(c.Cells, func(c Cell) bool { return c.Missing == "" }) {
				continue
			}
			ch.add(labels[k]+" "+strings.TrimSuffix(unit, "-ns"), c.Cells)
		}
	}
	if len(ch.Categories) == 0 {
		return nil
	}
	return ch
}

func (ch *Chart) add(category string, cells []Cell) {
	bars := make([]Bar, len(cells))
	for i, c := range cells {
		bars[i] = Bar{Stat: c.Stat, Missing: c.Missing}
	}
	ch.Categories = append(ch.Categories, category)
	ch.Bars = append(ch.Bars, bars)
}

// compareRow gives every machine's number for the row in unit.
func compareRow(id, unit string, ms []*Machine, ref int) Compared {
	c := Compared{ID: id, Unit: unit, Better: resultfile.Better(unit)}
	var refStat Stat
	if r := ms[ref].Rows[id]; r != nil {
		refStat, _ = r.stat(unit)
	}
	for _, m := range ms {
		cell := Cell{Machine: m.Label, Anchor: Anchor(m.Label, id)}
		r := m.Rows[id]
		switch s, ok := r.statOK(unit); {
		case r == nil:
			cell.Missing = m.Missing(strings.SplitN(id, "/", 2)[1])
		case !ok:
			cell.Missing = unit + " not reported"
		default:
			cell.Stat, cell.Busy = s, r.Busy()
			if refStat.N > 0 {
				cell.Ratio, cell.HasRatio = ratio(s, refStat), true
			}
		}
		c.Cells = append(c.Cells, cell)
	}
	return c
}

// statOK is stat on a row that may be nil.
func (r *Row) statOK(unit string) (Stat, bool) {
	if r == nil {
		return Stat{}, false
	}
	return r.stat(unit)
}

// familyRows lists the family's row IDs across machines, in first-seen
// order.
func familyRows(family string, ms []*Machine) []string {
	var ids []string
	for _, m := range ms {
		for _, id := range m.Order {
			if m.Rows[id].Family == family && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// shortLabels drops the family and the name parts every row shares (the
// benchmark name, when the family has one).
func shortLabels(ids []string) []string {
	parts := make([][]string, len(ids))
	count := map[string]int{}
	for i, id := range ids {
		parts[i] = strings.Split(id, "/")[1:] // benchmark name and key=value parts
		for _, p := range parts[i] {
			count[p]++
		}
	}
	out := make([]string, len(ids))
	for i, ps := range parts {
		var keep []string
		for _, p := range ps {
			if count[p] < len(ids) || len(ids) == 1 {
				keep = append(keep, p)
			}
		}
		out[i] = strings.Join(keep, " ")
		if out[i] == "" {
			out[i] = strings.SplitN(ids[i], "/", 2)[1]
		}
	}
	return out
}

func labelsOf(ms []*Machine) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Label
	}
	return out
}

// refIndex finds the reference machine: the first machine of the file
// named ref, or the first machine when ref is "".
func refIndex(d *Data, ref string) (int, error) {
	if ref == "" {
		return 0, nil
	}
	for _, f := range d.Files {
		if f.Name == ref {
			return slices.IndexFunc(d.Machines, func(m *Machine) bool { return m.Label == f.Machines[0] }), nil
		}
	}
	return 0, fmt.Errorf("-ref %s: not one of the input files; give it as a FILE argument too", ref)
}
