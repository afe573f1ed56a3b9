package report

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Input is one result file: a name used in messages (file:line) and its
// contents.
type Input struct {
	Name string
	Data []byte
}

// reader turns result files into machines.
type reader struct {
	data   *Data
	byName map[string]*Machine
}

// Read reads every input and groups its results by the machine: config
// line. It reads each file through resultfile, so it refuses (an error
// naming file:line and the fix) what resultfile refuses (an empty file, a
// run cut short, a line that is malformed, not UTF-8 or too long) and a
// result without a machine: config line; everything else that is odd
// becomes a Note shown on the page.
func Read(inputs []Input) (*Data, error) {
	r := &reader{data: &Data{}, byName: map[string]*Machine{}}
	var errs []error
	for _, in := range inputs {
		if err := r.readFile(in); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(r.data.Machines) == 0 {
		return nil, errors.New("no input files; give benchmark result files (go test -run '^$' -bench . ./bench/... > FILE)")
	}
	r.data.finish()
	return r.data, nil
}

// readFile reads one input into its machine, through resultfile: the
// first line it refuses (a cut run, bad UTF-8, a long or malformed line,
// no results) is the file's error.
func (r *reader) readFile(in Input) error {
	f := &FileInfo{Name: in.Name}
	rd := resultfile.NewReader(bytes.NewReader(in.Data), in.Name)
	var m *Machine
	var later []resultfile.Record // skips and interrupted lines, for the file's machine
	for rd.Scan() {
		switch rec := rd.Record().(type) {
		case *resultfile.Error:
			return rec
		case *resultfile.Skip, *resultfile.Interrupted:
			later = append(later, rec)
		case *benchfmt.Result:
			var err error
			if m, err = r.machineOf(rec, m, f); err != nil {
				return err
			}
			r.addResult(m, rec, f)
		}
	}
	if err := rd.Err(); err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("%s: no benchmark results (a run that printed none); rerun go test -run '^$' -bench . ./bench/... > %s", in.Name, in.Name)
	}
	for _, rec := range later {
		addNote(m, rec)
	}
	r.data.Files = append(r.data.Files, f)
	return nil
}

// machineOf returns the machine a result belongs to, refusing a result
// with no machine: config line.
func (r *reader) machineOf(rec *benchfmt.Result, cur *Machine, f *FileInfo) (*Machine, error) {
	label := rec.GetConfig("machine")
	if label == "" {
		file, line := rec.Pos()
		return nil, fmt.Errorf("%s:%d: result without a machine: config line (benchrig's config lines are missing); run the suite with go test -bench ./bench/... so the harness prints them, or add a machine: LABEL line at the top", file, line)
	}
	if cur != nil && cur.Label == label {
		return cur, nil
	}
	m, ok := r.byName[label]
	if !ok {
		m = newMachine(label)
		r.byName[label] = m
		r.data.Machines = append(r.data.Machines, m)
	}
	if !slices.Contains(m.Files, f.Name) {
		m.Files = append(m.Files, f.Name)
		f.Machines = append(f.Machines, label)
	}
	return m, nil
}

// addResult adds one benchmark line to its machine's row.
func (r *reader) addResult(m *Machine, rec *benchfmt.Result, f *FileInfo) {
	file, line := rec.Pos()
	where := fmt.Sprintf("%s:%d", file, line)
	f.Results++
	m.config(rec, where)
	// The row's identity is the result-file package's: the package and
	// the full name without -N, so rows match across CPU counts.
	pkg, name := string(rec.GetConfig("pkg")), resultfile.RowName(rec.Name)
	id := path.Base(pkg) + "/" + name
	row := m.Rows[id]
	if row == nil {
		row = newRow(path.Base(pkg), name, rec.Name)
		m.Rows[id] = row
		m.Order = append(m.Order, id)
	}
	row.Lines = append(row.Lines, where)
	if row.Config == nil {
		row.Config = map[string]string{}
	}
	for _, c := range rec.Config {
		if c.File {
			row.Config[c.Key] = string(c.Value)
		}
	}
	for _, v := range rec.Values {
		unit, val := v.OrigUnit, v.OrigValue // as written in the file
		if unit == "" {
			unit, val = v.Unit, v.Value
		}
		row.Values[unit] = append(row.Values[unit], val)
		if !slices.Contains(row.Units, unit) {
			row.Units = append(row.Units, unit)
		}
	}
}

// addNote records a skipped benchmark or an interrupted run on m.
func addNote(m *Machine, rec resultfile.Record) {
	file, line := rec.Pos()
	where := fmt.Sprintf("%s:%d", file, line)
	switch rec := rec.(type) {
	case *resultfile.Skip:
		m.addSkip(rec.Name, rec.Reason, where)
	case *resultfile.Interrupted:
		m.Interrupted = append(m.Interrupted, fmt.Sprintf("%s: the run was interrupted (%s); its results are partial", where, rec.Signal))
	}
}
