package report

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// Data is everything read from the inputs, grouped by machine in the order
// the machines first appear.
type Data struct {
	Files    []*FileInfo
	Machines []*Machine
	Notes    []string // problems worth a reader's attention, each naming file:line
}

// FileInfo is what one input held.
type FileInfo struct {
	Name     string
	Results  int      // benchmark lines
	Machines []string // machine: labels in it
}

// Machine is every result with one machine: label.
type Machine struct {
	Label       string
	Files       []string
	Config      []KV            // file config lines, in first-seen order
	Rows        map[string]*Row // by Row.ID
	Order       []string        // row IDs in first-seen order
	Skips       map[string]Skip // by full name without "Benchmark" and -N
	Interrupted []string        // file:line messages of interrupted: lines
	versions    map[string]string
}

// KV is one config line.
type KV struct{ Key, Value string }

// Skip is a benchmark the run skipped, with the reason it printed.
type Skip struct{ Reason, Where string }

// Row is one benchmark on one machine: every sample of every unit.
type Row struct {
	Family string               // package base name: falseshare, mmap, directio, modres
	Name   string               // full name without "Benchmark" and -N: DirectIO/op=randread/...
	Keys   map[string]string    // name keys: op=randread → "op": "randread"
	Units  []string             // in first-seen order
	Values map[string][]float64 // samples by unit, as written in the file
	Lines  []string             // file:line of each result
	Config map[string]string    // file config lines in force at the row's last result (read.go)
}

// ID is the row's identity across machines: family/name.
func (r *Row) ID() string { return r.Family + "/" + r.Name }

// Anchor is the HTML id of the row's raw-numbers entry on a machine.
func Anchor(machine, id string) string {
	r := strings.NewReplacer("/", "-", "=", "-", ".", "-", " ", "-")
	return "raw-" + r.Replace(machine) + "--" + r.Replace(id)
}

func newMachine(label string) *Machine {
	return &Machine{Label: label, Rows: map[string]*Row{}, Skips: map[string]Skip{}, versions: map[string]string{}}
}

func newRow(family, name string, full benchfmt.Name) *Row {
	return &Row{Family: family, Name: name, Keys: nameKeys(full), Values: map[string][]float64{}}
}

// nameKeys returns the key=value parts of a benchmark name.
func nameKeys(full benchfmt.Name) map[string]string {
	keys := map[string]string{}
	_, parts := full.Parts()
	for _, p := range parts {
		if k, v, ok := strings.Cut(strings.TrimPrefix(string(p), "/"), "="); ok {
			keys[k] = v
		}
	}
	return keys
}

// config records the file config lines of a result the first time each
// key is seen, and the benchrig version.
func (m *Machine) config(rec *benchfmt.Result, where string) {
	for _, c := range rec.Config {
		if !c.File || c.Key == "machine" || c.Key == "pkg" {
			continue
		}
		v := string(c.Value)
		if c.Key == "benchrig" {
			if _, ok := m.versions[v]; !ok {
				m.versions[v] = where
			}
		}
		if !slices.ContainsFunc(m.Config, func(kv KV) bool { return kv.Key == c.Key }) {
			m.Config = append(m.Config, KV{c.Key, v})
		}
	}
}

// addSkip records a skipped benchmark named as go test prints it.
func (m *Machine) addSkip(name, reason, where string) {
	base, parts := benchfmt.Name(name).Parts()
	var b strings.Builder
	b.WriteString(strings.TrimPrefix(string(base), "Benchmark"))
	for _, p := range parts {
		if !strings.HasPrefix(string(p), "-") {
			b.Write(p)
		}
	}
	if reason == "" {
		reason = "skipped (the run printed no reason)"
	}
	m.Skips[b.String()] = Skip{Reason: reason, Where: where}
}

// Value returns a config value of the machine, or "" when absent.
func (m *Machine) Value(key string) string {
	for _, kv := range m.Config {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

// Missing says why a row is absent on m: the skip reason the run printed,
// or "not run".
func (m *Machine) Missing(name string) string {
	if s, ok := m.Skips[name]; ok {
		return "skipped: " + s.Reason + " (" + s.Where + ")"
	}
	return "not run"
}

// finish adds the notes that need every file: versions, interruptions,
// units the report does not know.
func (d *Data) finish() {
	versions := map[string][]string{}
	for _, m := range d.Machines {
		for v, where := range m.versions {
			if !strings.HasPrefix(where, ShippedName+":") { // its version is on the page's reference line
				versions[v] = append(versions[v], where)
			}
		}
		d.Notes = append(d.Notes, m.Interrupted...)
		d.Notes = append(d.Notes, m.unknownUnits()...)
	}
	if len(versions) > 1 {
		var vs []string
		for v, wheres := range versions {
			slices.Sort(wheres)
			vs = append(vs, fmt.Sprintf("%s (%s)", v, strings.Join(wheres, ", ")))
		}
		slices.Sort(vs)
		d.Notes = append(d.Notes, "the files come from different benchrig versions: "+strings.Join(vs, "; ")+"; "+d.versionRows())
	}
}

// versionRows says which rows the version difference touches: the rows
// only some of the machines ran cannot be compared, and a difference in
// the rows all of them ran may be a difference between versions.
func (d *Data) versionRows() string {
	seen := map[string]int{}
	for _, m := range d.Machines {
		for _, id := range m.Order {
			seen[id]++
		}
	}
	var some []string
	all := 0
	for id, n := range seen {
		if n == len(d.Machines) {
			all++
		} else {
			some = append(some, strings.SplitN(id, "/", 2)[1])
		}
	}
	slices.Sort(some)
	s := fmt.Sprintf("a difference in the %s every machine ran may be a difference between versions", rows(all))
	if len(some) > 0 {
		shown := some
		if len(shown) > 3 {
			shown = append(shown[:3:3], fmt.Sprintf("%d more", len(some)-3))
		}
		s += fmt.Sprintf("; not compared, since only some machines ran them: %s (%s)", rows(len(some)), strings.Join(shown, ", "))
	}
	return s
}

// unknownUnits names each unit the report has no description of, once per
// machine, at its first line.
func (m *Machine) unknownUnits() []string {
	var notes []string
	seen := map[string]bool{}
	for _, id := range m.Order {
		row := m.Rows[id]
		for _, u := range row.Units {
			if _, ok := unitInfo[u]; !ok && !seen[u] {
				seen[u] = true
				notes = append(notes, fmt.Sprintf("%s: unit %s is unknown to this report: shown in the raw numbers only, not charted or judged", row.Lines[0], u))
			}
		}
	}
	return notes
}

func rows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}
